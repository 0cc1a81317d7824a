// Global log positions: opaque strings to clients, totally ordered by core.
//
// A position is one or two non-negative decimal integers joined by '.', e.g. "42" or "7781.42".
// Stores with a single commit-ordered sequence (memory, SQLite) use one part; stores that
// order by (transaction id, sequence) such as PostgreSQL use two. Comparison is numeric, part by part.
import { LogbookError } from './errors.js';

export type Position = string & { readonly __position: unique symbol };

/** The position before every event: reading "from start" means reading after this. */
export const START: Position = '0' as Position;

const POSITION_RE = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?$/;

export function isPosition(value: unknown): value is Position {
  return typeof value === 'string' && value.length <= 60 && POSITION_RE.test(value);
}

export function parsePosition(value: string): Position {
  if (!isPosition(value)) throw new LogbookError('invalid_request', `not a position: ${JSON.stringify(value)}`);
  return value;
}

export function positionParts(p: Position): [bigint, bigint] {
  const dot = p.indexOf('.');
  return dot < 0 ? [BigInt(p), 0n] : [BigInt(p.slice(0, dot)), BigInt(p.slice(dot + 1))];
}

export function makePosition(major: bigint, minor?: bigint): Position {
  return (minor === undefined ? major.toString() : `${major}.${minor}`) as Position;
}

export function comparePositions(a: Position, b: Position): -1 | 0 | 1 {
  if (a === b) return 0;
  const [a1, a2] = positionParts(a);
  const [b1, b2] = positionParts(b);
  if (a1 !== b1) return a1 < b1 ? -1 : 1;
  if (a2 !== b2) return a2 < b2 ? -1 : 1;
  return 0;
}

export const maxPosition = (a: Position, b: Position): Position => (comparePositions(a, b) >= 0 ? a : b);

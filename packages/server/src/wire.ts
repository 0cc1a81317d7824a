// Domain values to their JSON wire form: revisions as numbers, positions as strings.
import {
  type JsonObject,
  type JsonValue,
  LogbookError,
  type Position,
  type RecordedEvent,
  type StreamWriteResult,
  isPosition,
  positionParts,
} from '@logbook/core';

const INT64_MAX = 9223372036854775807n;

/** A position from a client: well-formed, with each part within the 64 bits every store can hold. */
export function apiPosition(value: string, what = 'position'): Position {
  if (!isPosition(value)) throw new LogbookError('invalid_request', `${what} is not a position: ${JSON.stringify(value)}`);
  const [major, minor] = positionParts(value);
  if (major > INT64_MAX || minor > INT64_MAX) throw new LogbookError('invalid_request', `${what} is out of range: ${value}`);
  return value;
}

export interface RecordedEventJson {
  id: string;
  streamId: string;
  revision: number;
  position: string;
  type: string;
  data: JsonValue;
  metadata: JsonObject;
  recordedAt: string;
}

export const eventJson = (e: RecordedEvent): RecordedEventJson => ({
  id: e.id,
  streamId: e.streamId,
  revision: Number(e.revision),
  position: e.position,
  type: e.type,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt,
});

export const resultJson = (r: StreamWriteResult) => ({
  streamId: r.streamId,
  firstRevision: Number(r.firstRevision),
  lastRevision: Number(r.lastRevision),
  position: r.position as string,
  outcome: r.outcome,
});

/** JSON.stringify that tolerates bigints (view states may hold them). */
export function toJsonSafe(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

export const splitCsv = (s: string | undefined): string[] | undefined => {
  if (s === undefined) return undefined;
  const parts = s
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.length > 0 ? parts : undefined;
};

// Maps driver and server errors to Logbook's typed errors: lost or refused connections become `store_unavailable`.
import { LogbookError } from '@logbook/core';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const LOST_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'terminating connection',
];

/** SQLSTATE classes 08 (connection exception), 57P (operator intervention: shutdown, terminated backend), 53 (resources). */
export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    if (/^(08|57P|53)/.test(code)) return true;
  }
  return LOST_MESSAGES.some((m) => e.message.includes(m));
}

export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function constraintOf(e: unknown): string | undefined {
  const c = (e as { constraint?: unknown } | null)?.constraint;
  return typeof c === 'string' ? c : undefined;
}

/** Rethrows LogbookErrors as they are, wraps connection failures, leaves other errors (bugs) untouched. */
export function toStoreError(e: unknown): unknown {
  if (e instanceof LogbookError) return e;
  if (isConnectionError(e)) {
    return new LogbookError('store_unavailable', `PostgreSQL is unavailable: ${(e as Error).message}`, {}, { cause: e });
  }
  return e;
}

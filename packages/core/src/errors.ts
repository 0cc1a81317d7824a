// Typed errors with stable codes: the only way Logbook reports a failure to callers.
export type ErrorCode =
  | 'wrong_expected_revision'
  | 'stream_not_found'
  | 'invalid_stream_id'
  | 'invalid_event'
  | 'invalid_request'
  | 'payload_too_large'
  | 'idempotency_conflict'
  | 'unique_violation'
  | 'store_unavailable'
  | 'store_closed'
  | 'capability_missing'
  | 'domain_error'
  | 'handler_failed'
  | 'lease_lost'
  | 'unauthorized'
  | 'forbidden';

export type ErrorDetails = Record<string, unknown>;

/** Every error Logbook throws on purpose is a LogbookError; `code` is stable and safe to branch on. */
export class LogbookError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogbookError';
    this.code = code;
    this.details = details;
  }

  /** A plain object fit for JSON: `{ code, message, ...details }` with bigints as strings. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message };
    for (const [k, v] of Object.entries(this.details)) out[k] = typeof v === 'bigint' ? v.toString() : v;
    return out;
  }
}

export const isLogbookError = (e: unknown, code?: ErrorCode): e is LogbookError =>
  e instanceof LogbookError && (code === undefined || e.code === code);

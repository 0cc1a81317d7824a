// Maps every failure to the API's error body and status; anything unexpected becomes a logged 500, never a crash.
import { isLogbookError } from '@logbook/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** An error the server raises itself (codes the store does not have, e.g. `event_not_found`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STATUS: Record<string, number> = {
  invalid_request: 400,
  invalid_stream_id: 400,
  invalid_event: 400,
  unauthorized: 401,
  forbidden: 403,
  stream_not_found: 404,
  event_not_found: 404,
  wrong_expected_revision: 409,
  unique_violation: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  capability_missing: 501,
  store_unavailable: 503,
  store_closed: 503,
  lease_lost: 503,
};

export interface ErrorResponse {
  status: number;
  body: { error: { code: string; message: string; [k: string]: unknown } };
}

/** Bigints become numbers when safe (revisions), strings otherwise; the rest passes through. */
export function jsonDetail(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  return v;
}

export function toErrorResponse(e: unknown): ErrorResponse {
  if (e instanceof ApiError) {
    return { status: e.status, body: { error: { code: e.code, message: e.message, ...e.details } } };
  }
  if (isLogbookError(e)) {
    const details: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.details)) details[k] = jsonDetail(v);
    return { status: STATUS[e.code] ?? 400, body: { error: { ...details, code: e.code, message: e.message } } };
  }
  if (e instanceof HTTPException) {
    if (e.status === 413) return tooLarge();
    const code = e.status === 401 ? 'unauthorized' : e.status === 404 ? 'not_found' : 'invalid_request';
    // 415 and other framework statuses are bad input too: the API promises 400 invalid_request for them.
    const status = code === 'invalid_request' ? 400 : e.status;
    return { status, body: { error: { code, message: e.message || 'invalid request' } } };
  }
  // Deeply nested JSON can exhaust the stack in validators: that is bad input, not a server fault.
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { status: 400, body: { error: { code: 'invalid_request', message: 'the JSON is nested too deeply' } } };
  }
  if (e instanceof SyntaxError) return { status: 400, body: { error: { code: 'invalid_request', message: e.message } } };
  return { status: 500, body: { error: { code: 'internal_error', message: 'internal error (logged on the server)' } } };
}

export function tooLarge(limit?: number): ErrorResponse {
  const message = limit ? `request body is over the limit of ${limit} bytes` : 'request body is too large';
  return { status: 413, body: { error: { code: 'payload_too_large', message, ...(limit ? { limit } : {}) } } };
}

export function sendError(c: Context, e: unknown): Response {
  const { status, body } = toErrorResponse(e);
  if (status >= 500 && status !== 503 && status !== 501) c.get('log')()?.error({ err: e }, 'unexpected error');
  return c.json(body, status as 400);
}

export const invalidRequest = (message: string, details?: Record<string, unknown>) =>
  new ApiError(400, 'invalid_request', message, details);

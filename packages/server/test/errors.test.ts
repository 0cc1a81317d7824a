// The error mapping on its own: every store error code gets its documented status, none becomes a 500.
import { type ErrorCode, LogbookError } from '@logbook/core';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { ApiError, toErrorResponse } from '../src/errors.js';

const expected: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_stream_id: 400,
  invalid_event: 400,
  unauthorized: 401,
  forbidden: 403,
  stream_not_found: 404,
  wrong_expected_revision: 409,
  unique_violation: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  capability_missing: 501,
  store_unavailable: 503,
  store_closed: 503,
  lease_lost: 503,
  domain_error: 400,
  handler_failed: 400,
};

describe('error mapping', () => {
  it('maps each LogbookError code to its status with code, message and details (bigints as numbers)', () => {
    for (const [code, status] of Object.entries(expected)) {
      const r = toErrorResponse(new LogbookError(code as ErrorCode, `m-${code}`, { streamId: 's-1', actual: 3n }));
      expect({ code, status: r.status }).toEqual({ code, status });
      expect(r.body.error).toEqual({ code, message: `m-${code}`, streamId: 's-1', actual: 3 });
    }
    const unique = toErrorResponse(
      new LogbookError('unique_violation', 'taken', { scope: 'email', value: 'a@b', owner: 'user-1' }),
    );
    expect(unique.body.error).toMatchObject({ code: 'unique_violation', scope: 'email', owner: 'user-1' });
  });

  it('maps framework and parse failures to 400/413, server-raised errors to their own status', () => {
    expect(toErrorResponse(new HTTPException(400, { message: 'Malformed JSON in request body' })).body.error.code).toBe(
      'invalid_request',
    );
    expect(toErrorResponse(new HTTPException(415)).status).toBe(400);
    expect(toErrorResponse(new HTTPException(413)).body.error.code).toBe('payload_too_large');
    expect(toErrorResponse(new RangeError('Maximum call stack size exceeded')).status).toBe(400);
    expect(toErrorResponse(new ApiError(404, 'event_not_found', 'gone', { eventId: 'x' })).body.error).toEqual({
      code: 'event_not_found',
      message: 'gone',
      eventId: 'x',
    });
    // Only a genuine bug reaches 500, and its message is not leaked.
    const bug = toErrorResponse(new TypeError('secret detail'));
    expect(bug).toEqual({
      status: 500,
      body: { error: { code: 'internal_error', message: 'internal error (logged on the server)' } },
    });
  });
});

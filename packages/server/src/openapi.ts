// OpenAPI helpers: the shared error responses every route declares.
import { ErrorBody } from './schemas.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'invalid_request, invalid_stream_id or invalid_event',
  401: 'unauthorized: missing or unknown bearer token',
  403: 'forbidden: the token may not read or write this stream',
  404: 'not found (stream_not_found, event_not_found)',
  409: 'wrong_expected_revision (with expected and actual), unique_violation or idempotency_conflict',
  413: 'payload_too_large',
  503: 'store_unavailable',
};

export function errorResponses<S extends number>(...statuses: S[]) {
  const out = {} as Record<S, { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }>;
  for (const s of statuses) {
    out[s] = { description: DESCRIPTIONS[s] ?? 'error', content: { 'application/json': { schema: ErrorBody } } };
  }
  return out;
}

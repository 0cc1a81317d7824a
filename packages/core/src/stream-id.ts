// Stream ids: validation, reserved system ids and categories.
import { LogbookError } from './errors.js';

export const MAX_STREAM_ID_BYTES = 256;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const encoder = new TextEncoder();

/** Why a stream id is invalid, or undefined when it is valid. */
export function streamIdProblem(streamId: unknown, { allowSystem = false } = {}): string | undefined {
  if (typeof streamId !== 'string') return 'stream id must be a string';
  const bytes = encoder.encode(streamId).length;
  if (bytes < 1 || bytes > MAX_STREAM_ID_BYTES) return `stream id must be 1-${MAX_STREAM_ID_BYTES} bytes of UTF-8, got ${bytes}`;
  if (CONTROL_CHARS.test(streamId)) return 'stream id must not contain control characters';
  if (!streamId.isWellFormed()) return 'stream id must be well-formed UTF-16 (no lone surrogates)';
  if (!allowSystem && streamId.startsWith('$')) return 'stream ids starting with "$" are reserved for the system';
  return undefined;
}

export function assertStreamId(streamId: unknown, options?: { allowSystem?: boolean }): asserts streamId is string {
  const problem = streamIdProblem(streamId, options);
  if (problem) throw new LogbookError('invalid_stream_id', problem, { streamId: String(streamId) });
}

/** The category is the part before the first '-': `account-42` -> `account`; a stream without '-' is its own category. */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

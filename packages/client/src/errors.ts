// The client's error: the API's stable error code and details, or a network failure.
import type { ApiErrorBody } from './types.js';

export class LogbookHttpError extends Error {
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** The API's stable error code (`wrong_expected_revision`, `forbidden`, ...) or `network_error`. */
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'LogbookHttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  static async fromResponse(res: Response): Promise<LogbookHttpError> {
    const text = await res.text().catch(() => '');
    try {
      const body = JSON.parse(text) as Partial<ApiErrorBody>;
      if (body.error && typeof body.error.code === 'string') {
        const { code, message, ...details } = body.error;
        return new LogbookHttpError(res.status, code, String(message ?? code), details);
      }
    } catch {
      // not JSON: fall through to a generic error
    }
    return new LogbookHttpError(res.status, `http_${res.status}`, text.slice(0, 200) || res.statusText || `HTTP ${res.status}`);
  }
}

export const isLogbookHttpError = (e: unknown, code?: string): e is LogbookHttpError =>
  e instanceof LogbookHttpError && (code === undefined || e.code === code);

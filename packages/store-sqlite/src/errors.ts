// Maps SQLite failures to Logbook's stable codes: an unreachable or failing database is `store_unavailable`.
import { LogbookError } from '@logbook/core';

const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL|NOMEM|NOLFS|AUTH|PERM)/;

export function toStoreError(e: unknown): unknown {
  if (e instanceof LogbookError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) {
    return new LogbookError('store_unavailable', `SQLite: ${(e as Error).message}`, { sqliteCode: code }, { cause: e });
  }
  if (e instanceof TypeError && /database connection is not open/.test(e.message)) {
    return new LogbookError('store_closed', 'the SQLite database is closed', {}, { cause: e });
  }
  return e;
}

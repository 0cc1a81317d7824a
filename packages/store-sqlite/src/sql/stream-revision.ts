// The current revision of a stream (its last event's revision), or 'no_stream'.
import type { CurrentRevision } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';

export const STREAM_REVISION_SQL = 'SELECT last_revision FROM logbook_streams WHERE stream_id = ?';

export function streamRevision(db: SqliteDatabase): (streamId: string) => CurrentRevision {
  const stmt = db.prepare(STREAM_REVISION_SQL).safeIntegers(true);
  return (streamId) => {
    const row = stmt.get(streamId) as { last_revision: bigint } | undefined;
    return row ? row.last_revision : 'no_stream';
  };
}

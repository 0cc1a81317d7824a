// Looks up stored events by id in one statement (ids passed as a JSON array), for the idempotency check.
import type { RecordedEvent } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';
import { EVENT_COLUMNS, type EventRow, toRecorded } from '../rows.js';

export const EVENTS_BY_IDS_SQL = `SELECT ${EVENT_COLUMNS} FROM logbook_events
  WHERE id IN (SELECT value FROM json_each(?))`;

export function eventsByIds(db: SqliteDatabase): (ids: readonly string[]) => Map<string, RecordedEvent> {
  const stmt = db.prepare(EVENTS_BY_IDS_SQL).safeIntegers(true);
  return (ids) => {
    const rows = stmt.all(JSON.stringify(ids)) as EventRow[];
    return new Map(rows.map((r) => [r.id, toRecorded(r)]));
  };
}

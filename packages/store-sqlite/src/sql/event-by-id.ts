// Reads one event by its id (ids are stored lower-case).
import type { RecordedEvent } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';
import { EVENT_COLUMNS, type EventRow, toRecorded } from '../rows.js';

export const EVENT_BY_ID_SQL = `SELECT ${EVENT_COLUMNS} FROM logbook_events WHERE id = ?`;

export function eventById(db: SqliteDatabase): (id: string) => RecordedEvent | undefined {
  const stmt = db.prepare(EVENT_BY_ID_SQL).safeIntegers(true);
  return (id) => {
    const row = stmt.get(id.toLowerCase()) as EventRow | undefined;
    return row && toRecorded(row);
  };
}

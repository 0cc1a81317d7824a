// A filtered page of the global log within a bounded position range; one prepared statement per filter shape.
import type { LogFilter, RecordedEvent } from '@logbook/core';
import type { SqliteDatabase, SqliteStatement } from '../driver.js';
import { prefixBounds } from '../prefix-range.js';
import { EVENT_COLUMNS, type EventRow, toRecorded } from '../rows.js';

export interface ReadAllShape {
  types: boolean;
  categories: boolean;
  prefix: boolean;
}

/** The SQL for one filter shape; lists are bound as JSON arrays so the statement does not vary with their length. */
export function readAllSql(shape: ReadAllShape): string {
  const where = ['position > @after', 'position <= @until'];
  if (shape.types) where.push('type IN (SELECT value FROM json_each(@types))');
  if (shape.categories) where.push('category IN (SELECT value FROM json_each(@categories))');
  if (shape.prefix) where.push('stream_id >= @prefix AND stream_id < @prefixEnd');
  return `SELECT ${EVENT_COLUMNS} FROM logbook_events WHERE ${where.join(' AND ')} ORDER BY position LIMIT @limit`;
}

export interface ReadAllRange {
  /** Exclusive lower bound. */
  after: bigint;
  /** Inclusive upper bound: the end of the scan window (never past the head read before it). */
  until: bigint;
  limit: number;
  filter?: LogFilter;
}

export function readAll(db: SqliteDatabase): (range: ReadAllRange) => RecordedEvent[] {
  const cache = new Map<string, SqliteStatement>();
  return ({ after, until, limit, filter }) => {
    const types = filter?.types && filter.types.length > 0 ? filter.types : undefined;
    const categories = filter?.categories && filter.categories.length > 0 ? filter.categories : undefined;
    const prefix = filter?.streamIdPrefix ? filter.streamIdPrefix : undefined;
    const shape = { types: !!types, categories: !!categories, prefix: !!prefix };
    const key = `${+shape.types}${+shape.categories}${+shape.prefix}`;
    let stmt = cache.get(key);
    if (!stmt) cache.set(key, (stmt = db.prepare(readAllSql(shape)).safeIntegers(true)));
    const params: Record<string, unknown> = { after, until, limit };
    if (types) params.types = JSON.stringify(types);
    if (categories) params.categories = JSON.stringify(categories);
    if (prefix) {
      const { lower, upper } = prefixBounds(prefix);
      params.prefix = lower;
      params.prefixEnd = upper;
    }
    return (stmt.all(params) as EventRow[]).map(toRecorded);
  };
}

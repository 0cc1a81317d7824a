// Reading the global log: pages strictly after a (transaction id, sequence) pair, only below the oldest running transaction.
import {
  type LogFilter,
  type Position,
  type ReadAllPage,
  type ReadAllRequest,
  type RecordedEvent,
  positionParts,
  readAllScanBudget,
} from '@logbook/core';
import type { PgQueryConfig, PgRow } from './pg-types.js';
import { eventFromRow, positionOf } from './rows.js';
import type { Statements } from './sql.js';

const nonEmpty = (list: readonly string[] | undefined): readonly string[] | null => (list && list.length > 0 ? list : null);

function activeFilter(
  filter: LogFilter | undefined,
): [readonly string[] | null, readonly string[] | null, string | null] | undefined {
  if (!filter) return undefined;
  const f: [readonly string[] | null, readonly string[] | null, string | null] = [
    nonEmpty(filter.types),
    nonEmpty(filter.categories),
    filter.streamIdPrefix ?? null,
  ];
  return f.every((x) => x === null) ? undefined : f;
}

export async function readAllPage(
  st: Statements,
  run: (config: PgQueryConfig) => Promise<PgRow[]>,
  request: ReadAllRequest,
): Promise<ReadAllPage> {
  const [tx, seq] = positionParts(request.from);
  const after = [tx.toString(), seq.toString()];
  const filter = activeFilter(request.filter);
  if (!filter) {
    const rows = await run(st.q('read_all', [...after, request.limit]));
    const events = rows.map(eventFromRow);
    const last = events[events.length - 1];
    return { events, next: last ? last.position : request.from, atEnd: rows.length < request.limit };
  }
  // Sparse filters: scan a bounded run of the log so `next` advances even when nothing in it matched.
  const scanLimit = readAllScanBudget(request.limit);
  const rows = await run(st.q('read_all_filtered', [...after, scanLimit, ...filter]));
  const events: RecordedEvent[] = [];
  let next: Position = request.from;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as PgRow;
    next = positionOf(row);
    if (!row.matches) continue;
    events.push(eventFromRow(row));
    if (events.length === request.limit) return { events, next, atEnd: i === rows.length - 1 && rows.length < scanLimit };
  }
  return { events, next, atEnd: rows.length < scanLimit };
}

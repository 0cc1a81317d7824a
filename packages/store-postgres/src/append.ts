// Appends: parameters for the append function, and its answer turned into the port's result (core rules decide idempotency).
import {
  type AppendFailure,
  type AppendRequest,
  type AppendResult,
  type ExpectedRevision,
  type JsonObject,
  type JsonValue,
  type RecordedEvent,
  type StreamWriteResult,
  classifyIdempotency,
  combineIdempotency,
  revisionMatches,
  writeResultOf,
  wrongExpectedRevision,
} from '@logbook/core';
import { sqlState } from './errors.js';
import type { PgRow } from './pg-types.js';
import { eventFromRow, positionOf } from './rows.js';

const expectedText = (e: ExpectedRevision): string => (typeof e === 'bigint' ? e.toString() : e);

/** An append as one statement: which operation, its bound parameters, and the JSON texts sent for each event. */
export interface AppendCall {
  op: 'append' | 'append_stream';
  params: unknown[];
  ids: string[];
  data: string[];
  meta: string[];
}

/**
 * The statement for a request. One write without conditions or unique values (the common append) goes to
 * append_stream.sql (7 parameters); anything else to append.sql (16). `channel` null: no NOTIFY in the transaction.
 */
export function appendCall(request: AppendRequest, channel: string | null): AppendCall {
  const events = request.writes.flatMap((w) => w.events);
  const ids = events.map((e) => e.id);
  const types = events.map((e) => e.type);
  const data = events.map((e) => JSON.stringify(e.data));
  const meta = events.map((e) => JSON.stringify(e.metadata));
  const only = request.writes.length === 1 ? request.writes[0] : undefined;
  const extras =
    (request.conditions?.length ?? 0) + (request.uniques?.claim?.length ?? 0) + (request.uniques?.release?.length ?? 0);
  if (only && events.length > 0 && extras === 0) {
    const params = [only.streamId, expectedText(only.expectedRevision), ids, types, data, meta, channel];
    return { op: 'append_stream', params, ids, data, meta };
  }
  return { op: 'append', params: generalParams(request, channel, ids, types, data, meta), ids, data, meta };
}

/** The 16 bound parameters of append.sql (which serves any request). */
export function appendParams(request: AppendRequest, channel: string | null): unknown[] {
  const events = request.writes.flatMap((w) => w.events);
  return generalParams(
    request,
    channel,
    events.map((e) => e.id),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => JSON.stringify(e.metadata)),
  );
}

function generalParams(
  request: AppendRequest,
  channel: string | null,
  ids: string[],
  types: string[],
  data: string[],
  meta: string[],
): unknown[] {
  const writes = request.writes;
  const conditions = request.conditions ?? [];
  const claims = request.uniques?.claim ?? [];
  const releases = request.uniques?.release ?? [];
  return [
    writes.map((w) => w.streamId),
    writes.map((w) => expectedText(w.expectedRevision)),
    writes.map((w) => w.events.length),
    conditions.map((c) => c.streamId),
    conditions.map((c) => expectedText(c.expectedRevision)),
    ids,
    types,
    data,
    meta,
    claims.map((c) => c.scope),
    claims.map((c) => c.value),
    claims.map((c) => c.owner),
    releases.map((c) => c.scope),
    releases.map((c) => c.value),
    releases.map((c) => c.owner),
    channel,
  ];
}

/** Classifies the stored events under the proposed ids (read_events_by_ids rows) by core's rules; undefined when none is stored. */
export function classifyStored(request: AppendRequest, unordered: readonly PgRow[]): AppendResult | undefined {
  const rows = [...unordered].sort((a, b) => a.ord - b.ord);
  let k = 0;
  let found = false;
  const verdicts = request.writes.map((w) => {
    const existing = w.events.map((): RecordedEvent | undefined => {
      const row = rows[k++];
      if (!row || row.stream_id === null) return undefined;
      found = true;
      return eventFromRow(row);
    });
    return classifyIdempotency(w.streamId, w.events, existing);
  });
  if (!found) return undefined;
  const verdict = combineIdempotency(verdicts);
  if (verdict.kind === 'conflict') return verdict.failure;
  if (verdict.kind === 'already_appended') return { ok: true, results: verdict.results, recorded: verdict.recorded };
  throw new Error('stored events under the proposed ids that core classifies as new');
}

/** append_stream's one answer row as one row per written event (revision, tx_id, seq, recorded_at). */
function streamRows(request: AppendRequest, rows: readonly PgRow[]): Map<string, PgRow[]> {
  const row = rows[0];
  const streamId = request.writes[0]?.streamId as string;
  if (!row) throw new Error(`append_to_stream returned no row for ${streamId}`);
  const first = BigInt(row.first_revision);
  const written = (row.seqs as string).split(',').map((seq, i) => ({
    revision: (first + BigInt(i)).toString(),
    tx_id: row.tx_id,
    seq,
    recorded_at: row.recorded_at,
  }));
  return new Map([[streamId, written]]);
}

/** append_events' rows (one per written event) by stream, in revision order. */
function eventRows(rows: readonly PgRow[]): Map<string, PgRow[]> {
  const byStream = new Map<string, PgRow[]>();
  for (const row of rows) {
    let list = byStream.get(row.stream_id);
    if (!list) byStream.set(row.stream_id, (list = []));
    list.push(row);
  }
  for (const list of byStream.values()) list.sort((a, b) => Number(BigInt(a.revision) - BigInt(b.revision)));
  return byStream;
}

/**
 * The answer of a successful append as the port's result. The rows carry each event's revision, position and time;
 * the rest comes from the request (payloads parsed from the very JSON texts that were stored).
 */
export function interpretAppend(request: AppendRequest, rows: readonly PgRow[], call: AppendCall): AppendResult {
  const byStream = call.op === 'append_stream' ? streamRows(request, rows) : eventRows(rows);
  const recorded: RecordedEvent[] = [];
  let k = 0;
  const results = request.writes.map((w): StreamWriteResult => {
    const written = byStream.get(w.streamId) ?? [];
    if (written.length !== w.events.length || written.length === 0) throw new Error(`append returned no rows for ${w.streamId}`);
    const events = w.events.map((e, i): RecordedEvent => {
      const row = written[i] as PgRow;
      const at = k++;
      return {
        id: e.id,
        streamId: w.streamId,
        revision: BigInt(row.revision),
        position: positionOf(row),
        type: e.type,
        data: JSON.parse(call.data[at] as string) as JsonValue,
        metadata: JSON.parse(call.meta[at] as string) as JsonObject,
        recordedAt: row.recorded_at as string,
      };
    });
    recorded.push(...events);
    return writeResultOf(w.streamId, events);
  });
  return { ok: true, results, recorded };
}

/** The append function's deliberate failures (SQLSTATE LB001) as port values; undefined for any other error. */
export function failureFromError(request: AppendRequest, e: unknown): AppendFailure | undefined {
  if (sqlState(e) !== 'LB001') return undefined;
  const { message, detail } = e as { message: string; detail?: string };
  const d = JSON.parse(detail ?? '{}') as Record<string, string | null>;
  if (message === 'wrong_expected_revision') {
    const streamId = d.streamId as string;
    const target = [...request.writes, ...(request.conditions ?? [])].find((s) => s.streamId === streamId);
    const actual = d.actual === null || d.actual === undefined ? 'no_stream' : BigInt(d.actual);
    // The SQL check mirrors revisionMatches; core's rule stays the judge.
    if (!target || revisionMatches(target.expectedRevision, actual)) {
      throw new Error(`append_events rejected ${streamId} at ${String(actual)} but core's rule accepts it`);
    }
    return wrongExpectedRevision(streamId, target.expectedRevision, actual);
  }
  if (message === 'unique_violation') {
    return { ok: false, code: 'unique_violation', scope: d.scope as string, value: d.value as string, owner: d.owner as string };
  }
  throw new Error(`unknown append failure ${message}`);
}

/** One of our event ids is stored (by an earlier or a concurrent append): the stored events must be classified. */
export const isEventIdRace = (e: unknown): boolean =>
  sqlState(e) === 'LB002' || (sqlState(e) === '23505' && (e as { constraint?: string }).constraint === 'events_id');

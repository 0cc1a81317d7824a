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
  wrongExpectedRevision,
} from '@logbook/core';
import { sqlState } from './errors.js';
import type { PgRow } from './pg-types.js';
import { eventFromRow, positionOf } from './rows.js';

const expectedText = (e: ExpectedRevision): string => (typeof e === 'bigint' ? e.toString() : e);

/** The 16 bound parameters of append.sql, in order. */
/** `channel` null: the function does not NOTIFY (after-commit mode). */
export function appendParams(request: AppendRequest, channel: string | null): unknown[] {
  const writes = request.writes;
  const conditions = request.conditions ?? [];
  const events = writes.flatMap((w) => w.events);
  const claims = request.uniques?.claim ?? [];
  const releases = request.uniques?.release ?? [];
  return [
    writes.map((w) => w.streamId),
    writes.map((w) => expectedText(w.expectedRevision)),
    writes.map((w) => w.events.length),
    conditions.map((c) => c.streamId),
    conditions.map((c) => expectedText(c.expectedRevision)),
    events.map((e) => e.id),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => JSON.stringify(e.metadata)),
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
export function classifyStored(request: AppendRequest, rows: readonly PgRow[]): AppendResult | undefined {
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

/**
 * The append function's answer as the port's result. Rows of a successful append carry the position, revision and
 * time of each event; the rest comes from the request (payloads parsed from the very JSON text that was stored).
 */
export function interpretAppend(request: AppendRequest, rows: readonly PgRow[], params: readonly unknown[]): AppendResult {
  const data = params[7] as string[];
  const meta = params[8] as string[];
  const byStream = new Map<string, PgRow[]>();
  for (const row of rows) {
    let list = byStream.get(row.stream_id);
    if (!list) byStream.set(row.stream_id, (list = []));
    list.push(row);
  }
  const recorded: RecordedEvent[] = [];
  let k = 0;
  const results = request.writes.map((w): StreamWriteResult => {
    const written = (byStream.get(w.streamId) ?? []).sort((a, b) => Number(BigInt(a.revision) - BigInt(b.revision)));
    if (written.length !== w.events.length || written.length === 0)
      throw new Error(`append_events returned no rows for ${w.streamId}`);
    const events = w.events.map((e, i): RecordedEvent => {
      const row = written[i] as PgRow;
      const at = k++;
      return {
        id: e.id,
        streamId: w.streamId,
        revision: BigInt(row.revision),
        position: positionOf(row),
        type: e.type,
        data: JSON.parse(data[at] as string) as JsonValue,
        metadata: JSON.parse(meta[at] as string) as JsonObject,
        recordedAt: row.recorded_at as string,
      };
    });
    const first = events[0] as RecordedEvent;
    const last = events[events.length - 1] as RecordedEvent;
    recorded.push(...events);
    return {
      streamId: w.streamId,
      firstRevision: first.revision,
      lastRevision: last.revision,
      firstPosition: first.position,
      position: last.position,
      outcome: 'appended',
    };
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

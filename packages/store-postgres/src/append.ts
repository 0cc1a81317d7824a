// Appends: parameters for the append function, and its answer turned into the port's result (core rules decide idempotency).
import {
  type AppendFailure,
  type AppendRequest,
  type AppendResult,
  type ExpectedRevision,
  type RecordedEvent,
  type StreamWriteResult,
  classifyIdempotency,
  combineIdempotency,
  revisionMatches,
  wrongExpectedRevision,
} from '@logbook/core';
import { sqlState } from './errors.js';
import type { PgRow } from './pg-types.js';
import { eventFromRow } from './rows.js';

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

/** True when the rows are what is already stored under the proposed ids (nothing was written). */
export const isExistingAnswer = (rows: readonly PgRow[]): boolean => rows[0]?.existing === true;

export function interpretAppend(request: AppendRequest, rows: readonly PgRow[]): AppendResult {
  if (isExistingAnswer(rows)) {
    let k = 0;
    const verdicts = request.writes.map((w) => {
      const existing = w.events.map((): RecordedEvent | undefined => {
        const row = rows[k++];
        return row && row.stream_id !== null ? eventFromRow(row) : undefined;
      });
      return classifyIdempotency(w.streamId, w.events, existing);
    });
    const verdict = combineIdempotency(verdicts);
    if (verdict.kind === 'conflict') return verdict.failure;
    if (verdict.kind === 'already_appended') return { ok: true, results: verdict.results, recorded: verdict.recorded };
    throw new Error('append_events reported stored ids that core classifies as new');
  }
  const byStream = new Map<string, RecordedEvent[]>();
  for (const row of rows) {
    const e = eventFromRow(row);
    let list = byStream.get(e.streamId);
    if (!list) byStream.set(e.streamId, (list = []));
    list.push(e);
  }
  const recorded: RecordedEvent[] = [];
  const results = request.writes.map((w): StreamWriteResult => {
    const events = (byStream.get(w.streamId) ?? []).sort((a, b) => (a.revision < b.revision ? -1 : 1));
    const first = events[0];
    const last = events[events.length - 1];
    if (!first || !last || events.length !== w.events.length) throw new Error(`append_events returned no rows for ${w.streamId}`);
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

/** A concurrent append stored one of our event ids first: retrying lets the idempotency lookup classify it. */
export const isEventIdRace = (e: unknown): boolean =>
  sqlState(e) === '23505' && (e as { constraint?: string }).constraint === 'events_id';

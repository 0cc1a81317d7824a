// Applies one append inside the open write transaction: expected revisions, uniques, inserts; idempotency on failure.
// The caller wraps it in a savepoint and rolls back on any failure, so a rejected append leaves no trace.
import {
  type AppendResult,
  type RecordedEvent,
  type StreamWriteResult,
  categoryOf,
  classifyIdempotency,
  combineIdempotency,
  makePosition,
  revisionMatches,
  wrongExpectedRevision,
  type JsonObject,
  type JsonValue,
} from '@logbook/core';
import type { EncodedAppend } from './encode.js';
import type { Statements } from './statements.js';

/** The head of the log as this transaction sees it; positions are assigned as head + 1, so they are gap-free. */
export interface LogHead {
  head: bigint;
}

export function applyAppend(s: Statements, log: LogHead, append: EncodedAppend, recordedAt: string): AppendResult {
  let result: AppendResult;
  try {
    result = writeAppend(s, log, append, recordedAt);
  } catch (error) {
    // A stored id fails the unique index on insert. Undo this append's rows (they would look stored) and classify.
    if (!isUniqueViolation(error)) throw error;
    s.tx.rollbackToSavepoint();
    s.tx.savepoint();
    const verdict = idempotency(s, append);
    if (verdict) return verdict;
    throw error; // e.g. the same id twice in one append
  }
  // Idempotency comes before expected revision: a retried append must answer already_appended, not a conflict.
  // Checks run before any insert, so nothing of this append is stored yet when they fail.
  if (!result.ok) return idempotency(s, append) ?? result;
  return result;
}

/** What the stored events under the proposed ids say about this append; undefined when none of them is stored. */
function idempotency(s: Statements, append: EncodedAppend): AppendResult | undefined {
  const { request } = append;
  const stored = s.eventsByIds(request.writes.flatMap((w) => w.events.map((e) => e.id)));
  if (stored.size === 0) return undefined;
  const verdict = combineIdempotency(
    request.writes.map((w) =>
      classifyIdempotency(
        w.streamId,
        w.events,
        w.events.map((e) => stored.get(e.id)),
      ),
    ),
  );
  if (verdict.kind === 'conflict') return verdict.failure;
  if (verdict.kind === 'already_appended') return { ok: true, results: verdict.results, recorded: verdict.recorded };
  return undefined;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Expected revisions, conditions, uniques, then the inserts; no id lookup: the unique index on id catches a repeat. */
function writeAppend(s: Statements, log: LogHead, append: EncodedAppend, recordedAt: string): AppendResult {
  const { request } = append;
  const bases: bigint[] = [];
  for (const w of request.writes) {
    const actual = s.streamRevision(w.streamId);
    if (!revisionMatches(w.expectedRevision, actual)) return wrongExpectedRevision(w.streamId, w.expectedRevision, actual);
    bases.push(actual === 'no_stream' ? 0n : actual + 1n);
  }
  for (const c of request.conditions ?? []) {
    const actual = s.streamRevision(c.streamId);
    if (!revisionMatches(c.expectedRevision, actual)) return wrongExpectedRevision(c.streamId, c.expectedRevision, actual);
  }

  for (const r of request.uniques?.release ?? []) s.releaseUnique(r.scope, r.value, r.owner);
  for (const c of request.uniques?.claim ?? []) {
    const holder = s.claimUnique(c.scope, c.value, c.owner);
    if (holder !== c.owner) return { ok: false, code: 'unique_violation', scope: c.scope, value: c.value, owner: holder };
  }

  const recorded: RecordedEvent[] = [];
  const results: StreamWriteResult[] = request.writes.map((w, wi) => {
    const base = bases[wi] as bigint;
    const encoded = append.events[wi] ?? [];
    const category = categoryOf(w.streamId);
    const firstPosition = log.head + 1n;
    w.events.forEach((e, i) => {
      const position = ++log.head;
      const revision = base + BigInt(i);
      const json = encoded[i] as { data: string; metadata: string };
      s.appendEvent({ position, id: e.id, streamId: w.streamId, revision, type: e.type, category, ...json, recordedAt });
      // Parsed back from the stored text, so what append returns is exactly what a read will return.
      recorded.push({
        id: e.id,
        streamId: w.streamId,
        revision,
        position: makePosition(position),
        type: e.type,
        data: JSON.parse(json.data) as JsonValue,
        metadata: JSON.parse(json.metadata) as JsonObject,
        recordedAt,
      });
    });
    const lastRevision = base + BigInt(w.events.length - 1);
    s.upsertStream(w.streamId, lastRevision, recordedAt);
    return {
      streamId: w.streamId,
      firstRevision: base,
      lastRevision,
      firstPosition: makePosition(firstPosition),
      position: makePosition(log.head),
      outcome: 'appended',
    };
  });
  return { ok: true, results, recorded };
}

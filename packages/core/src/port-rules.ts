// Rules every store applies the same way, written once: expected-revision checks and idempotency classification.
import type { CurrentRevision, ExpectedRevision, ProposedEvent, RecordedEvent } from './event.js';
import type { AppendFailure, StoreCapabilities, StreamWriteResult } from './port.js';

/** Every optional capability of the port: what memory, SQLite and PostgreSQL all offer. */
export const ALL_CAPABILITIES: { readonly [K in keyof StoreCapabilities]: true } = Object.freeze({
  notifications: true,
  snapshots: true,
  uniques: true,
  transactions: true,
  checkpoints: true,
  leases: true,
});

/**
 * How many log rows a filtered readAll may scan for one page: bounded, so a sparse filter returns (with `next`
 * advanced past what it scanned) instead of walking the whole log in one call.
 */
export const readAllScanBudget = (limit: number): number => Math.max(limit * 10, 1000);

/** True when a stream whose current revision is `actual` satisfies `expected`. */
export function revisionMatches(expected: ExpectedRevision, actual: CurrentRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual === expected;
}

export function wrongExpectedRevision(streamId: string, expected: ExpectedRevision, actual: CurrentRevision): AppendFailure {
  return { ok: false, code: 'wrong_expected_revision', streamId, expected, actual };
}

/** Whether a stored event holds the same content as a proposed one (type and data; metadata may differ on retry). */
export function sameContent(stored: Pick<RecordedEvent, 'type' | 'data'>, proposed: ProposedEvent): boolean {
  return stored.type === proposed.type && canonicalJson(stored.data) === canonicalJson(proposed.data);
}

/** JSON with object keys sorted, so equal values compare equal whatever the key order a database returns. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export type IdempotencyVerdict =
  | { kind: 'new' }
  | { kind: 'already_appended'; result: StreamWriteResult; recorded: RecordedEvent[] }
  | { kind: 'conflict'; failure: AppendFailure };

/**
 * Classifies a write given what the store already holds under the proposed ids (`existing[i]` for `events[i]`).
 * - none of the ids stored: a new append;
 * - all stored, in this stream, at consecutive revisions, with the same content: already appended;
 * - anything else (some stored, other stream, other order, other content): idempotency conflict.
 */
export function classifyIdempotency(
  streamId: string,
  events: readonly ProposedEvent[],
  existing: ReadonlyArray<RecordedEvent | undefined>,
): IdempotencyVerdict {
  const found = existing.filter((e) => e !== undefined).length;
  if (found === 0) return { kind: 'new' };
  const conflict = (eventId: string, reason: string): IdempotencyVerdict => ({
    kind: 'conflict',
    failure: { ok: false, code: 'idempotency_conflict', streamId, eventId, reason },
  });
  const first = existing[0];
  for (let i = 0; i < events.length; i++) {
    const proposed = events[i] as ProposedEvent;
    const stored = existing[i];
    if (!stored) return conflict(proposed.id, 'only some of the event ids of this append are already stored');
    if (stored.streamId !== streamId) return conflict(proposed.id, `event id is already stored in another stream`);
    if (!first || stored.revision !== first.revision + BigInt(i)) {
      return conflict(proposed.id, 'event ids are already stored at other places in this stream');
    }
    if (!sameContent(stored, proposed)) return conflict(proposed.id, 'event id is already stored with other content');
  }
  const recorded = existing as RecordedEvent[];
  return { kind: 'already_appended', recorded, result: writeResultOf(streamId, recorded, 'already_appended') };
}

/** The result of a write from its (non-empty, ordered) recorded events. */
export function writeResultOf(
  streamId: string,
  events: readonly RecordedEvent[],
  outcome: StreamWriteResult['outcome'] = 'appended',
): StreamWriteResult {
  const first = events[0] as RecordedEvent;
  const last = events[events.length - 1] as RecordedEvent;
  return {
    streamId,
    firstRevision: first.revision,
    lastRevision: last.revision,
    firstPosition: first.position,
    position: last.position,
    outcome,
  };
}

/**
 * For a multi-stream append: all writes already appended -> the stored results; none -> 'new';
 * a mix means the earlier append was different, which is an idempotency conflict.
 */
export function combineIdempotency(
  verdicts: readonly IdempotencyVerdict[],
):
  | { kind: 'new' }
  | { kind: 'already_appended'; results: StreamWriteResult[]; recorded: RecordedEvent[] }
  | { kind: 'conflict'; failure: AppendFailure } {
  const conflict = verdicts.find((v) => v.kind === 'conflict');
  if (conflict) return conflict;
  const done = verdicts.filter((v) => v.kind === 'already_appended');
  if (done.length === 0) return { kind: 'new' };
  if (done.length === verdicts.length) {
    return {
      kind: 'already_appended',
      results: done.map((v) => v.result),
      recorded: done.flatMap((v) => v.recorded),
    };
  }
  const first = done[0] as Extract<IdempotencyVerdict, { kind: 'already_appended' }>;
  return {
    kind: 'conflict',
    failure: {
      ok: false,
      code: 'idempotency_conflict',
      streamId: first.result.streamId,
      eventId: first.recorded[0]?.id ?? '',
      reason: 'some writes of this multi-stream append are already stored and others are not',
    },
  };
}

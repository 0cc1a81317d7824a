// Shared assertions of the given/when/then helpers: events compared by type+data, errors by class, reason or code.
import assert from 'node:assert/strict';
import { LogbookError } from '../errors.js';
import type { UniqueChanges } from '../event-store.js';
import type { Decision, DomainEvent } from '../domain/decider.js';
import { DomainError } from '../domain/domain-error.js';

/** An Error class, an error instance (same class + reason/code + message), a reason/code string, or a predicate. */
export type ErrorExpectation = (abstract new (...args: never[]) => Error) | Error | string | ((error: unknown) => boolean);

/** Expected events, or a decision with its unique claims. */
export type EventsExpectation<E extends DomainEvent> = E[] | Decision<E>;

const isErrorClass = (x: unknown): x is abstract new (...args: never[]) => Error =>
  typeof x === 'function' && (x === Error || x.prototype instanceof Error);

export function isEventsExpectation<E extends DomainEvent>(x: unknown): x is EventsExpectation<E> {
  return (
    Array.isArray(x) || (typeof x === 'object' && x !== null && !(x instanceof Error) && Array.isArray((x as Decision).events))
  );
}

/** Only what the expectation names is compared: type and data always, metadata keys when given. */
function comparable(actual: DomainEvent, expected: DomainEvent): { type: string; data: unknown; metadata?: unknown } {
  const out: { type: string; data: unknown; metadata?: unknown } = { type: actual.type, data: actual.data };
  if (expected.metadata) {
    out.metadata = Object.fromEntries(Object.keys(expected.metadata).map((k) => [k, actual.metadata?.[k]]));
  }
  return out;
}

export function assertEvents<E extends DomainEvent>(
  actual: readonly DomainEvent[],
  expected: EventsExpectation<E>,
  actualUniques?: UniqueChanges,
): void {
  const events = Array.isArray(expected) ? expected : expected.events;
  const shaped = actual.map((a, i) => (events[i] ? comparable(a, events[i] as DomainEvent) : { type: a.type, data: a.data }));
  const wanted = events.map((e) =>
    e.metadata ? { type: e.type, data: e.data, metadata: e.metadata } : { type: e.type, data: e.data },
  );
  assert.deepStrictEqual(shaped, wanted, 'the command produced other events than expected');
  if (!Array.isArray(expected) && expected.uniques) {
    assert.deepStrictEqual(actualUniques ?? {}, expected.uniques, 'the command claimed/released other unique values');
  }
}

export function assertError(error: unknown, expected: ErrorExpectation): void {
  if (isErrorClass(expected)) {
    assert.ok(error instanceof expected, `expected a ${expected.name}, got ${describe(error)}`);
  } else if (expected instanceof Error) {
    assert.ok(error instanceof expected.constructor, `expected a ${expected.constructor.name}, got ${describe(error)}`);
    if (expected instanceof DomainError) assert.equal((error as DomainError).reason, expected.reason);
    else if (expected instanceof LogbookError) assert.equal((error as LogbookError).code, expected.code);
    assert.equal((error as Error).message, expected.message);
  } else if (typeof expected === 'string') {
    const matches =
      (error instanceof DomainError && error.reason === expected) || (error instanceof LogbookError && error.code === expected);
    assert.ok(matches, `expected an error with reason or code "${expected}", got ${describe(error)}`);
  } else {
    assert.ok(expected(error), `the error did not satisfy the predicate: ${describe(error)}`);
  }
}

export function describe(error: unknown): string {
  if (error instanceof DomainError) return `${error.name}(${error.reason}): ${error.message}`;
  if (error instanceof LogbookError) return `LogbookError(${error.code}): ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

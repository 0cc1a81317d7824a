// given(events).when(command).then(events | error) for deciders, purely in memory: no store, no I/O.
import assert from 'node:assert/strict';
import { type Decider, type DomainEvent, foldEvents, normalizeDecision } from '../domain/decider.js';
import { type ErrorExpectation, type EventsExpectation, assertError, assertEvents, isEventsExpectation } from './expectations.js';

export interface Then<E extends DomainEvent> {
  /**
   * Asserts the decision: expected events (compared by type and data, plus metadata keys when given), a decision
   * with unique claims, or an expected error. Returns a promise only when decide is async.
   * Not a promise itself: don't `await` the result of when().
   */
  then(expected: EventsExpectation<E> | ErrorExpectation): void | Promise<void>;
  thenThrows(expected: ErrorExpectation): void | Promise<void>;
  /** The command is accepted but changes nothing. */
  thenNothing(): void | Promise<void>;
}

export interface DeciderSpec<C, E extends DomainEvent> {
  given(events?: E[]): { when(command: C): Then<E> };
}

export function deciderSpec<C, S, E extends DomainEvent>(decider: Decider<C, S, E>): DeciderSpec<C, E> {
  return {
    given: (events = []) => ({
      when: (command) => {
        const run = <T>(
          check: (outcome: { ok: true; value: ReturnType<typeof normalizeDecision<E>> } | { ok: false; error: unknown }) => T,
        ) => {
          let result: ReturnType<Decider<C, S, E>['decide']>;
          try {
            result = decider.decide(command, foldEvents(decider, events));
          } catch (error) {
            return check({ ok: false, error });
          }
          if (result instanceof Promise) {
            return result.then(
              (r) => check({ ok: true, value: normalizeDecision(r) }),
              (error) => check({ ok: false, error }),
            );
          }
          return check({ ok: true, value: normalizeDecision(result) });
        };
        const expectError = (expected: ErrorExpectation) =>
          run((o) => {
            assert.ok(!o.ok, `expected the command to be rejected, but it decided ${o.ok ? JSON.stringify(o.value.events) : ''}`);
            assertError(o.error, expected);
          });
        const expectEvents = (expected: EventsExpectation<E>) =>
          run((o) => {
            if (!o.ok) throw o.error;
            assertEvents(o.value.events, expected, o.value.uniques);
          });
        return {
          // biome-ignore lint/suspicious/noThenProperty: see Then.then.
          then: (expected) => (isEventsExpectation<E>(expected) ? expectEvents(expected) : expectError(expected)),
          thenThrows: expectError,
          thenNothing: () => expectEvents([]),
        };
      },
    }),
  };
}

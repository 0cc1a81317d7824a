// given/when/then against a real store: the givens are appended, the command goes through a CommandHandler.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store.js';
import type { RecordedEvent } from '../event.js';
import { CommandHandler, type CommandHandlerOptions, type HandleOptions } from '../domain/command-handler.js';
import type { Decider, DomainEvent } from '../domain/decider.js';
import { type ErrorExpectation, type EventsExpectation, assertError, assertEvents, isEventsExpectation } from './expectations.js';

export interface StoreThen<E extends DomainEvent> {
  /** Events now in the stream after the givens, or the error the command failed with (the store must be unchanged). */
  then(expected: EventsExpectation<E> | ErrorExpectation): Promise<void>;
  thenThrows(expected: ErrorExpectation): Promise<void>;
}

export interface StoreSpecOptions extends CommandHandlerOptions {
  /** The stream the command targets; default a fresh `spec-<uuid>`. */
  streamId?: string;
}

export interface StoreSpec<C, E extends DomainEvent> {
  readonly streamId: string;
  readonly handler: CommandHandler<C, unknown, E>;
  /** Givens for the target stream (an array) or for several streams (by id). */
  given(events?: E[] | Record<string, E[]>): { when(command: C, options?: HandleOptions): StoreThen<E> };
}

export function storeSpec<C, S, E extends DomainEvent>(
  store: EventStore,
  decider: Decider<C, S, E>,
  options: StoreSpecOptions = {},
): StoreSpec<C, E> {
  const streamId = options.streamId ?? `spec-${randomUUID()}`;
  const handler = new CommandHandler(store, decider, options);
  return {
    streamId,
    handler: handler as unknown as CommandHandler<C, unknown, E>,
    given: (givens = []) => ({
      when: (command, handleOptions) => {
        const run = async () => {
          const byStream = Array.isArray(givens) ? { [streamId]: givens } : givens;
          for (const [id, events] of Object.entries(byStream)) if (events.length > 0) await store.append(id, events);
          const before = await store.stats();
          try {
            await handler.handle(streamId, command, handleOptions);
          } catch (error) {
            return { ok: false as const, error, before };
          }
          return { ok: true as const, before };
        };
        const newEvents = async (): Promise<RecordedEvent[]> => {
          const given = Array.isArray(givens) ? givens.length : (givens[streamId]?.length ?? 0);
          const info = await store.streamInfo(streamId);
          if (!info.exists) return [];
          return store.readStreamToArray(streamId, { from: BigInt(given) });
        };
        const expectError = async (expected: ErrorExpectation) => {
          const o = await run();
          assert.ok(
            !o.ok,
            `expected the command to be rejected, but it appended ${JSON.stringify((await newEvents()).map((e) => ({ type: e.type, data: e.data })))}`,
          );
          assertError(o.error, expected);
          const after = await store.stats();
          assert.equal(after.events, o.before.events, 'a rejected command must write nothing');
        };
        const expectEvents = async (expected: EventsExpectation<E>) => {
          const o = await run();
          if (!o.ok) throw o.error;
          assertEvents(await newEvents(), expected);
        };
        return {
          // biome-ignore lint/suspicious/noThenProperty: see StoreThen.then.
          then: (expected) => (isEventsExpectation<E>(expected) ? expectEvents(expected) : expectError(expected)),
          thenThrows: expectError,
        };
      },
    }),
  };
}

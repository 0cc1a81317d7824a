// Small helpers shared by the suites: event builders and error assertions.
import { type EventToAppend, LogbookError, type RecordedEvent } from '@logbook/core';
import { expect } from 'vitest';

let counter = 0;

export function ev(
  type = 'Happened',
  data: EventToAppend['data'] = { n: ++counter },
  extra: Partial<EventToAppend> = {},
): EventToAppend {
  return { type, data, ...extra };
}

export function evs(count: number, type = 'Happened'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => ev(type, { i }));
}

/** Asserts that `promise` rejects with a LogbookError of `code`; returns it for further checks. */
export async function rejectsWith(promise: Promise<unknown>, code: string): Promise<LogbookError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a LogbookError ${code}`).toBeInstanceOf(LogbookError);
  expect((caught as LogbookError).code).toBe(code);
  return caught as LogbookError;
}

/** Runs a sync or async throwing function and asserts the LogbookError code. */
export async function throwsWith(fn: () => unknown, code: string): Promise<LogbookError> {
  return rejectsWith(
    (async () => {
      await fn();
    })(),
    code,
  );
}

export const revisions = (events: RecordedEvent[]): bigint[] => events.map((e) => e.revision);

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

// The W3C trace context reaches event metadata through the real OpenTelemetry API, wired as docs/guide.md shows.
import { AsyncLocalStorage } from 'node:async_hooks';
import { useMetadata } from '@logbook/core';
import {
  type Context,
  type ContextManager,
  ROOT_CONTEXT,
  type TextMapPropagator,
  TraceFlags,
  context,
  isSpanContextValid,
  propagation,
  trace,
} from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bank } from '../src/index.js';
import { STORES } from './stores.js';

/** What an OTel SDK registers: a context manager over AsyncLocalStorage... */
class AsyncContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

/** ...and the W3C trace-context propagator (only `inject`, which is all the metadata needs). */
const w3cPropagator: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (!span || !isSpanContextValid(span)) return;
    setter.set(carrier, 'traceparent', `00-${span.traceId}-${span.spanId}-${span.traceFlags.toString(16).padStart(2, '0')}`);
  },
  extract: (ctx) => ctx,
  fields: () => ['traceparent'],
};

beforeAll(() => {
  context.setGlobalContextManager(new AsyncContextManager());
  propagation.setGlobalPropagator(w3cPropagator);
});
afterAll(() => {
  context.disable();
  propagation.disable();
});

describe.each(STORES)('trace context on the $name store', (factory) => {
  it('stamps the active span as traceparent, and nothing without one', async () => {
    const store = await factory.create();
    useMetadata(store, {
      traceContext: () => {
        const carrier: Record<string, string> = {};
        propagation.inject(context.active(), carrier);
        return carrier.traceparent;
      },
    });
    const bank = new Bank(store);
    await bank.open('a', 'Ada');
    const span = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };
    const traced = await context.with(trace.setSpanContext(context.active(), span), () => bank.deposit('a', 100));
    expect(traced.events[0]?.metadata.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    const untraced = await bank.deposit('a', 100);
    expect(untraced.events[0]?.metadata.traceparent).toBeUndefined();
  });
});

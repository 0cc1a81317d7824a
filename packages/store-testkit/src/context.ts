// What every conformance suite receives: a factory of fresh stores and the store's declared capabilities.
import { EventStore, type EventStoreOptions, type StoreCapabilities, type StorePort } from '@logbook/core';
import { onTestFinished } from 'vitest';

/** true = supported; a string = the written reason the store lacks it (the suite prints it). */
export type CapabilityDeclaration = Record<keyof StoreCapabilities, true | string>;

export interface ConformanceOptions {
  /** Shown in test names, e.g. 'sqlite'. */
  name: string;
  /** A fresh, empty store for each test; the suite closes it after the test. */
  create: () => Promise<StorePort>;
  capabilities: CapabilityDeclaration;
  /** Per-test timeout in ms; default 30 s. */
  timeout?: number;
}

export interface SuiteContext {
  readonly name: string;
  readonly capabilities: CapabilityDeclaration;
  readonly timeout: number;
  /** A fresh empty port, closed when the current test finishes. */
  port(): Promise<StorePort>;
  /** A fresh empty EventStore over a fresh port, closed when the current test finishes. */
  store(options?: EventStoreOptions): Promise<EventStore>;
  /** Whether the store declares the capability. */
  has(capability: keyof StoreCapabilities): boolean;
}

export function suiteContext(options: ConformanceOptions): SuiteContext {
  const port = async () => {
    const p = await options.create();
    onTestFinished(() => p.close());
    return p;
  };
  return {
    name: options.name,
    capabilities: options.capabilities,
    timeout: options.timeout ?? 30_000,
    port,
    store: async (storeOptions) => new EventStore(await port(), storeOptions),
    has: (c) => options.capabilities[c] === true,
  };
}

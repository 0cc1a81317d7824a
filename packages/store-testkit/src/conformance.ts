// The shared conformance suite: every store package calls defineStoreConformance, and every rule of the port is pinned here.
import { describe } from 'vitest';
import { type ConformanceOptions, suiteContext } from './context.js';
import { appendSuite } from './suites/append.js';
import { capabilitiesSuite } from './suites/capabilities.js';
import { idempotencySuite } from './suites/idempotency.js';
import { multiStreamSuite } from './suites/multi-stream.js';
import { propertySuite } from './suites/property.js';
import { readSideScenariosSuite } from './suites/read-side-scenarios.js';
import { readSideSuite } from './suites/read-side.js';
import { readsSuite } from './suites/reads.js';
import { subscriptionsSuite } from './suites/subscriptions.js';
import { uniquesSnapshotsSuite } from './suites/uniques-snapshots.js';
import { validationSuite } from './suites/validation.js';

export interface StoreConformanceOptions extends ConformanceOptions {
  /** fast-check runs of the concurrency property; default 40. */
  propertyRuns?: number;
}

export function defineStoreConformance(options: StoreConformanceOptions): void {
  const ctx = suiteContext(options);
  describe(`store conformance: ${options.name}`, { timeout: ctx.timeout }, () => {
    for (const [capability, declared] of Object.entries(options.capabilities)) {
      // Written skip reasons are part of the report, not silent.
      if (declared !== true) console.info(`[conformance ${options.name}] lacks ${capability}: ${declared}`);
    }
    capabilitiesSuite(ctx);
    appendSuite(ctx);
    idempotencySuite(ctx);
    multiStreamSuite(ctx);
    readsSuite(ctx);
    validationSuite(ctx);
    subscriptionsSuite(ctx);
    uniquesSnapshotsSuite(ctx);
    propertySuite(ctx, options.propertyRuns ?? 40);
    readSideSuite(ctx);
    readSideScenariosSuite(ctx);
  });
}

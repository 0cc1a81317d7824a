// @logbook/store-testkit: the conformance suite every Logbook store runs.
export { defineStoreConformance, type StoreConformanceOptions } from './conformance.js';
export type { CapabilityDeclaration, ConformanceOptions, SuiteContext } from './context.js';
export { collect, ev, evs, rejectsWith, throwsWith } from './fixtures.js';

// @logbook/core/testing: given/when/then helpers for deciders, purely in memory or against a real store.
export { deciderSpec, type DeciderSpec, type Then } from './decider-spec.js';
export { storeSpec, type StoreSpec, type StoreSpecOptions, type StoreThen } from './store-spec.js';
export { assertError, assertEvents, type ErrorExpectation, type EventsExpectation } from './expectations.js';

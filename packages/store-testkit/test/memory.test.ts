// Runs the conformance suite against the in-memory store, the executable spec.
import { ALL_CAPABILITIES, MemoryStore } from '@logbook/core';
import { defineStoreConformance } from '../src/index.js';

defineStoreConformance({
  name: 'memory',
  create: async () => new MemoryStore(),
  capabilities: ALL_CAPABILITIES,
  propertyRuns: 100,
});

// Runs the conformance suite against the in-memory store, the executable spec.
import { MemoryStore } from '@logbook/core';
import { defineStoreConformance } from '../src/index.js';

defineStoreConformance({
  name: 'memory',
  create: async () => new MemoryStore(),
  capabilities: { notifications: true, snapshots: true, uniques: true, transactions: true, checkpoints: true, leases: true },
  propertyRuns: 100,
});

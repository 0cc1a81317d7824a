// Runs the shared store conformance suite against the SQLite store, each test on a fresh database file.
import { defineStoreConformance } from '@logbook/store-testkit';
import { createSqliteStore } from '../src/index.js';
import { tempDir } from './helpers.js';

const files = tempDir();

defineStoreConformance({
  name: 'sqlite',
  create: () => createSqliteStore({ path: files.path() }),
  capabilities: {
    notifications: true,
    snapshots: true,
    uniques: true,
    transactions: true,
    checkpoints: true,
    leases: true,
  },
});

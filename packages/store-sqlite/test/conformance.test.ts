// Runs the shared store conformance suite against the SQLite store, each test on a fresh database file.
import { ALL_CAPABILITIES } from '@logbook/core';
import { defineStoreConformance } from '@logbook/store-testkit';
import { createSqliteStore } from '../src/index.js';
import { tempDir } from './helpers.js';

const files = tempDir();

defineStoreConformance({
  name: 'sqlite',
  create: () => createSqliteStore({ path: files.path() }),
  capabilities: ALL_CAPABILITIES,
});

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ping } from '../../src/sql/ping.js';
import { memoryStatements } from './fixtures.js';

describe('ping', () => {
  it('answers on a migrated database and fails on one Logbook never set up', () => {
    const { s } = memoryStatements();
    expect(() => s.ping()).not.toThrow();
    const bare = new Database(':memory:');
    expect(() => ping(bare)).toThrow(/no such table/);
  });
});

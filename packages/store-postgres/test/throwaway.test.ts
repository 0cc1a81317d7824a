// The throw-away server helper: starts a real server that answers queries, and stop() removes it.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startThrowawayPostgres, testPostgresUrl } from '../src/testing/index.js';

describe('startThrowawayPostgres', () => {
  it('starts a server with fsync on that answers, and stop() removes its directory', async () => {
    const server = await startThrowawayPostgres();
    try {
      expect(existsSync(server.dir)).toBe(true);
      const client = new pg.Client({ connectionString: server.connectionString });
      await client.connect();
      const fsync = await client.query('SHOW fsync');
      const addr = await client.query('SELECT inet_server_addr()::text AS a, inet_server_port() AS p');
      await client.end();
      expect(fsync.rows[0].fsync).toBe('on');
      expect(addr.rows[0].a).toBe('127.0.0.1/32');
      expect(addr.rows[0].p).toBe(server.port);
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
  });

  it('shares one server per test run through testPostgresUrl()', async () => {
    const a = await testPostgresUrl();
    const b = await testPostgresUrl();
    expect(a).toBe(b);
    const client = new pg.Client({ connectionString: a });
    await client.connect();
    const r = await client.query('SELECT 1 AS one');
    await client.end();
    expect(r.rows[0].one).toBe(1);
  });
});

// The logbook command end to end as child processes: data commands on a database and through a server, serve, errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogbookClient } from '@logbook/client';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, run, serve } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'logbook-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = (name: string) => `sqlite:${join(dir, name)}`;

describe('logbook on a database', () => {
  it('appends, reads, exports and re-imports idempotently, with --json and clear errors', async () => {
    const source = db('source.db');
    const a = await run(['append', 'account-1', '--type', 'Opened', '--data', '{"owner":"ann"}', '--db', source, '--json']);
    expect(a.stderr).toBe('');
    expect(JSON.parse(a.stdout)).toMatchObject({ streamId: 'account-1', lastRevision: 0, outcome: 'appended' });
    const b = await run([
      'append',
      'account-1',
      '--type',
      'Deposited',
      '--data',
      '{"amount":5}',
      '--expected-revision',
      '0',
      '--metadata',
      '{"correlationId":"c-1"}',
      '--db',
      source,
    ]);
    expect(b.stdout).toContain('appended account-1@1');
    const conflict = await run(['append', 'account-1', '--type', 'X', '--data', '1', '--expected-revision', '0', '--db', source]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('wrong_expected_revision');
    const badJson = await run(['append', 'account-1', '--type', 'X', '--data', '{oops', '--db', source]);
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toContain('--data is not valid JSON');
    const missing = await run(['read', 'account-404', '--db', source]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('stream_not_found');
    const usage = await run(['append', 'account-1', '--db', source]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--type <type>'");
    const badDb = await run(['stats', '--db', 'mysql://nope']);
    expect(badDb.code).toBe(1);
    expect(badDb.stderr).toContain('unknown database URL');

    const read = await run(['read', 'account-1', '--backward', '--json', '--db', source]);
    expect(
      read.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).type),
    ).toEqual(['Deposited', 'Opened']);
    await run(['append', 'order-1', '--type', 'Placed', '--data', '{}', '--db', source]);
    await run(['append', 'account-1', '--type', 'Withdrawn', '--data', '{"amount":1}', '--db', source]);

    const exported = await run(['export', '--db', source]);
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((e) => `${e.streamId}:${e.type}`)).toEqual([
      'account-1:Opened',
      'account-1:Deposited',
      'order-1:Placed',
      'account-1:Withdrawn',
    ]);
    const file = join(dir, 'export.ndjson');
    writeFileSync(file, exported.stdout);

    const target = db('target.db');
    const first = await run(['import', file, '--db', target, '--json']);
    expect(JSON.parse(first.stdout)).toEqual({ lines: 4, appended: 4, alreadyPresent: 0, skippedSystem: 0 });
    const again = await run(['import', file, '--db', target, '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ lines: 4, appended: 0, alreadyPresent: 4, skippedSystem: 0 });
    const copy = (await run(['export', '--db', target])).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const shape = (e: Record<string, unknown>) => [
      e.id,
      e.streamId,
      e.revision,
      e.type,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
    ];
    expect(copy.map(shape)).toEqual(lines.map(shape));
    writeFileSync(join(dir, 'broken.ndjson'), `${exported.stdout}not json\n`);
    const broken = await run(['import', join(dir, 'broken.ndjson'), '--db', target]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('line 5: not JSON');

    const stats = await run(['stats', '--db', target, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ events: 4, streams: 2, store: 'sqlite' });
  });
});

describe('logbook serve', () => {
  it('seeds the demo data into an empty store, serves the API, and the data commands work through it', async () => {
    const { url, child } = await serve(['--db', db('served.db')], { cwd: dir });
    try {
      const client = new LogbookClient({ baseUrl: url });
      const stats = await client.stats();
      expect(stats.store.kind).toBe('sqlite');
      expect(stats.events).toBeGreaterThan(0);
      const accounts = await client.listStreams({ prefix: 'account-', limit: 1 });
      const account = accounts.streams[0]?.streamId as string;
      expect((await client.streamStates(account, { limit: 1 })).view).toBe('account');
      const appended = await run([
        'append',
        'note-1',
        '--type',
        'Written',
        '--data',
        '{"text":"hello"}',
        '--server',
        url,
        '--json',
      ]);
      expect(JSON.parse(appended.stdout)).toMatchObject({ streamId: 'note-1', outcome: 'appended' });
      const tail = await run(['tail', '--from', 'start', '--category', 'note', '--limit', '1', '--server', url, '--json']);
      expect(JSON.parse(tail.stdout)).toMatchObject({ streamId: 'note-1', type: 'Written', data: { text: 'hello' } });
      const remoteStats = await run(['stats', '--server', url, '--json']);
      expect(JSON.parse(remoteStats.stdout).events).toBe(stats.events + 1);
      const forbidden = await run(['append', '$system', '--type', 'X', '--data', '1', '--server', url]);
      expect(forbidden.code).toBe(1);
      expect(forbidden.stderr).toContain('invalid_stream_id');

      // SIGTERM while appends are in flight: exit 0, and every acknowledged append is in the database.
      const acked: string[] = [];
      let stop = false;
      const writers = Array.from({ length: 4 }, async (_, w) => {
        while (!stop) {
          const id = crypto.randomUUID();
          try {
            await client.append(`load-${w}`, [{ id, type: 'Tick', data: null }]);
            acked.push(id);
          } catch {
            return;
          }
        }
      });
      while (acked.length < 20) await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
      stop = true;
      await Promise.all(writers);
      const exported = await run(['export', '--prefix', 'load-', '--db', db('served.db')]);
      const stored = new Set(
        exported.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).id),
      );
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a non-loopback address without tokens, and a client gets a clear error when no server answers', async () => {
    const r = await run(['serve', '--host', '0.0.0.0', '--port', '0', '--db', db('refused.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to listen on 0.0.0.0 without auth');
    const down = await run(['stats', '--server', 'http://127.0.0.1:9']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('network_error');
    expect(readFileSync(join(dir, 'refused.db')).length).toBeGreaterThan(0);
  });
});

// `logbook serve` as a child process: demo seeding, the data commands through it, SIGTERM with appends in flight.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogbookClient } from '@logbook/client';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, run, serve } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'logbook-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = (name: string) => `sqlite:${join(dir, name)}`;

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
      const [forbidden, direct] = await Promise.all([
        run(['append', '$system', '--type', 'X', '--data', '1', '--server', url]),
        // Straight into the database, next to the running server: the event still joins the related-events index.
        run([
          'append',
          'note-2',
          '--type',
          'Linked',
          '--data',
          '1',
          '--metadata',
          '{"correlationId":"corr-cli"}',
          '--db',
          db('served.db'),
        ]),
      ]);
      expect(forbidden.code).toBe(1);
      expect(forbidden.stderr).toContain('invalid_stream_id');
      expect(direct.code).toBe(0);
      await client.append('note-3', [{ type: 'Linked', data: 2, metadata: { correlationId: 'corr-cli' } }]);
      const linked = (await client.readStream('note-3')).events[0]?.id as string;
      expect((await client.related(linked)).correlated.map((e) => e.streamId)).toEqual(['note-2', 'note-3']);

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
    const [r, down] = await Promise.all([
      run(['serve', '--host', '0.0.0.0', '--port', '0', '--db', db('refused.db')]),
      run(['stats', '--server', 'http://127.0.0.1:9']),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to listen on 0.0.0.0 without auth');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('network_error');
    expect(readFileSync(join(dir, 'refused.db')).length).toBeGreaterThan(0);
  });
});

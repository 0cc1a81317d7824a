// The logbook command's data commands as child processes on a database: append, read, export, import, stats, errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './run.js';

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
    // Independent error cases run side by side to keep the suite quick.
    const [conflict, badJson, missing, usage, badDb] = await Promise.all([
      run(['append', 'account-1', '--type', 'X', '--data', '1', '--expected-revision', '0', '--db', source]),
      run(['append', 'account-1', '--type', 'X', '--data', '{oops', '--db', source]),
      run(['read', 'account-404', '--db', source]),
      run(['append', 'account-1', '--db', source]),
      run(['stats', '--db', 'mysql://nope']),
    ]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('wrong_expected_revision');
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toContain('--data is not valid JSON');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('stream_not_found');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--type <type>'");
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
    // --reorder batches by stream: each stream's events, ids and revisions are the same, then a plain re-run is a no-op.
    const reordered = db('reordered.db');
    const fast = await run(['import', file, '--db', reordered, '--reorder', '--json']);
    expect(JSON.parse(fast.stdout)).toMatchObject({ appended: 4 });
    const fastCopy = (await run(['export', '--db', reordered])).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const byStream = (es: Array<Record<string, unknown>>) =>
      [...es].sort((x, y) => String(x.streamId).localeCompare(String(y.streamId))).map(shape);
    expect(byStream(fastCopy)).toEqual(byStream(lines));
    writeFileSync(join(dir, 'broken.ndjson'), `${exported.stdout}not json\n`);
    const broken = await run(['import', join(dir, 'broken.ndjson'), '--db', target]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('line 5: not JSON');

    const stats = await run(['stats', '--db', target, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ events: 4, streams: 2, store: 'sqlite' });
  });
});

// HTTP append throughput (1 and 100 events per request, 8 connections) and SSE end-to-end latency, against `logbook serve`.
// Run: npx tsx packages/server/scripts/bench-http.ts [--db sqlite|memory|postgres|postgres://...] [--seconds 10]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogbookClient } from '@logbook/client';
import { load, percentile } from './load.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const seconds = Number(arg('seconds', '10'));
const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-'));
const dbArg = arg('db', 'sqlite');
// `--db postgres` starts a throw-away PostgreSQL server for the run.
const pg = dbArg === 'postgres' ? await (await import('@logbook/store-postgres/testing')).startThrowawayPostgres() : undefined;
const db =
  dbArg === 'sqlite' ? `sqlite:${join(dir, 'bench.db')}` : dbArg === 'memory' ? 'memory:' : (pg?.connectionString ?? dbArg);
const bin = fileURLToPath(new URL('../../cli/bin/logbook.mjs', import.meta.url));

// The server runs in its own process (logging at info to /dev/null) so the load generator does not share its event loop.
const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0', '--no-seed', '--log-level', 'info'], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise<string>((resolve, reject) => {
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
    const m = /on (http:\/\/\S+)/.exec(err);
    if (m?.[1]) resolve(m[1]);
  });
  child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
});

/** CPU seconds the server process has used (Linux /proc), so figures can be read independently of machine load. */
const cpuSeconds = (): number => {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};

const payload = (i: number) => ({ type: 'Deposited', data: { amount: i % 1000, note: 'benchmark deposit', at: i } });
const results: string[] = [
  `store: ${db.startsWith('postgres') ? 'postgres' : db.split(':')[0]}, ${seconds}s per run, 8 connections, load average ${loadavg()[0]?.toFixed(1)}`,
];
for (const perRequest of [1, 100]) {
  const body = (i: number) =>
    JSON.stringify({ events: Array.from({ length: perRequest }, (_, k) => payload(i * perRequest + k)) });
  const path = (i: number) => `/v1/streams/account-${i % 1000}`;
  await load({ url, connections: 8, seconds: 1, body, path });
  const cpu0 = cpuSeconds();
  const r = await load({ url, connections: 8, seconds, body, path });
  const cpuMs = ((cpuSeconds() - cpu0) * 1000) / r.requests;
  results.push(
    `append ${String(perRequest).padStart(3)} event(s)/request: ${Math.round(r.perSecond)} req/s = ${Math.round(r.perSecond * perRequest)} events/s; ` +
      `latency p50 ${percentile(r.latencies, 50).toFixed(2)} ms, p99 ${percentile(r.latencies, 99).toFixed(2)} ms; ` +
      `server CPU ${cpuMs.toFixed(2)} ms/request (~${Math.round((1000 / cpuMs) * perRequest)} events/s per core); errors ${r.errors}`,
  );
}

// SSE: one subscriber from the end; appends one at a time, each timed from just before the POST to its arrival over SSE.
const client = new LogbookClient({ baseUrl: url });
const sent = new Map<string, number>();
const latencies: number[] = [];
let live = false;
const sub = client.subscribe({
  from: 'end',
  onCaughtUp: () => (live = true),
  onEvent: (e) => {
    const t0 = sent.get(e.id);
    if (t0 !== undefined) latencies.push(performance.now() - t0);
  },
});
while (!live) await new Promise((r) => setTimeout(r, 10));
const n = 1000;
for (let i = 0; i < n; i++) {
  const id = crypto.randomUUID();
  sent.set(id, performance.now());
  await client.append(`latency-${i % 10}`, [{ id, type: 'Ping', data: { i } }]);
}
const deadline = Date.now() + 10_000;
while (latencies.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
sub.close();
results.push(
  `SSE append->received over ${latencies.length} events: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
);

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });
await pg?.stop();
console.log(results.join('\n'));
process.exit(0);

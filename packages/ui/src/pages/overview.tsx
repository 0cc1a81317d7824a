// Overview: counts, append rate, consumers and their lag, and what store the server runs on.
import type { ConsumerJson, StatsJson } from '@logbook/client';
import { type RatePoint, RateChart } from '../components/rate-chart.js';
import { ErrorBox, PageHeader, Spinner } from '../components/status.js';
import { Time } from '../components/time.js';
import { client, useLoad } from '../lib/api.js';
import { formatInt } from '../lib/format.js';
import { href } from '../lib/router.js';

const BUCKET_MS = 10_000;

export function ratePoints(stats: StatsJson, now = Date.now()): RatePoint[] {
  return stats.rate.map((s) => {
    const at = Date.parse(s.at);
    // The newest bucket is still filling: divide by the time it has covered so far, not by 10 s.
    const span = Math.min(BUCKET_MS, Math.max(1000, now - at));
    return { at, perSecond: (s.events * 1000) / span };
  });
}

function Card({ label, value, sub, testId }: { label: string; value: string; sub?: preact.ComponentChildren; testId?: string }) {
  return (
    <div class="card stat" data-testid={testId}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      {sub && <div class="stat-sub muted">{sub}</div>}
    </div>
  );
}

function formatUptime(s: number): string {
  if (s < 60) return `${Math.floor(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d`;
}

function Consumers({ consumers }: { consumers: ConsumerJson[] }) {
  if (consumers.length === 0) {
    return <p class="muted">No consumer or projection has saved a checkpoint yet.</p>;
  }
  const worst = Math.max(1, ...consumers.map((c) => c.lag ?? 0));
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Consumer / projection</th>
            <th scope="col">Checkpoint</th>
            <th scope="col" class="num">
              Lag (events)
            </th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {consumers.map((c) => (
            <tr key={c.name}>
              <td class="mono">{c.name}</td>
              <td class="mono">{c.position}</td>
              <td class="num">
                <span class={`lag ${c.lag === 0 ? 'lag-ok' : (c.lag ?? 0) > 1000 ? 'lag-bad' : 'lag-warn'}`}>
                  {c.lag === null ? 'unknown' : formatInt(c.lag)}
                </span>
                <span class="lag-bar" aria-hidden="true">
                  <span style={{ width: `${((c.lag ?? 0) / worst) * 100}%` }} />
                </span>
              </td>
              <td>
                <Time iso={c.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OverviewPage() {
  const stats = useLoad((signal) => client.stats(signal), [], 2000);
  const consumers = useLoad((signal) => client.consumers(signal), [], 5000);
  const s = stats.data;
  return (
    <section>
      <PageHeader title="Overview" sub={s ? `${s.store.kind} store · Logbook server ${s.server.version}` : undefined}>
        <a class="btn" href={href.streams()}>
          Browse streams
        </a>
        <a class="btn btn-primary" href={href.live()}>
          Live tail
        </a>
      </PageHeader>
      {stats.error !== undefined && !s && <ErrorBox error={stats.error} onRetry={stats.reload} />}
      {!s && stats.loading && <Spinner />}
      {s && (
        <>
          <div class="stats-grid">
            <Card label="Events" value={formatInt(s.events)} testId="stat-events" sub={<>head at position {s.head}</>} />
            <Card label="Streams" value={formatInt(s.streams)} testId="stat-streams" />
            <Card label="Store" value={s.store.kind} sub={<>version {s.store.version}</>} testId="stat-store" />
            <Card
              label="Server"
              value={`up ${formatUptime(s.server.uptimeSeconds)}`}
              sub={
                <>
                  {formatInt(s.openSubscriptions)} live subscription{s.openSubscriptions === 1 ? '' : 's'}
                  {s.authRequired ? ' · tokens required' : ''}
                </>
              }
            />
          </div>
          <div class="card">
            <h2>Append rate</h2>
            <RateChart points={ratePoints(s)} />
          </div>
        </>
      )}
      <div class="card">
        <h2>Consumers and projections</h2>
        {consumers.error !== undefined && !consumers.data && <ErrorBox error={consumers.error} onRetry={consumers.reload} />}
        {consumers.data && <Consumers consumers={consumers.data} />}
        {!consumers.data && consumers.loading && <Spinner />}
      </div>
    </section>
  );
}

// Prometheus metrics (one registry per server, so several servers can live in one process, e.g. in tests).
import { type EventStore, type Position, positionParts } from '@logbook/core';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  appends: Counter<'outcome'>;
  events: Counter;
  conflicts: Counter<'code'>;
  appendSeconds: Histogram;
  requestSeconds: Histogram<'method' | 'route' | 'status'>;
  subscriptions: Gauge;
}

const LAG_SCAN_CAP = 10_000;

export function createMetrics(store: EventStore, options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
  const metrics: Metrics = {
    registry,
    appends: new Counter({
      name: 'logbook_appends_total',
      help: 'Append requests by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    events: new Counter({ name: 'logbook_events_appended_total', help: 'Events appended', registers: [registry] }),
    conflicts: new Counter({
      name: 'logbook_append_conflicts_total',
      help: 'Appends refused with a 409, by code',
      labelNames: ['code'],
      registers: [registry],
    }),
    appendSeconds: new Histogram({
      name: 'logbook_append_duration_seconds',
      help: 'Store append latency',
      buckets,
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'logbook_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'],
      buckets,
      registers: [registry],
    }),
    subscriptions: new Gauge({ name: 'logbook_open_subscriptions', help: 'Open SSE subscriptions', registers: [registry] }),
  };
  new Gauge({
    name: 'logbook_consumer_lag_events',
    help: 'Events in the log after each consumer checkpoint',
    labelNames: ['consumer'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of await consumerLags(store)) if (c.lag !== null) this.set({ consumer: c.name }, c.lag);
    },
  });
  new Gauge({
    name: 'logbook_head_position',
    help: 'Head of the global log (first part of the position)',
    registers: [registry],
    async collect() {
      this.set(Number(positionParts(await store.headPosition())[0]));
    },
  });
  return metrics;
}

export interface ConsumerLag {
  name: string;
  position: string;
  updatedAt: string;
  lag: number | null;
}

/** Checkpoints with their lag: exact for one-part positions, counted (capped) for two-part ones. */
export async function consumerLags(store: EventStore): Promise<ConsumerLag[]> {
  const checkpoints = store.port.checkpoints;
  if (!checkpoints) return [];
  const list = await checkpoints.list();
  if (list.length === 0) return [];
  const head = await store.headPosition();
  const out: ConsumerLag[] = [];
  for (const c of list) out.push({ ...c, position: c.position, lag: await lag(store, c.position, head) });
  return out;
}

async function lag(store: EventStore, from: Position, head: Position): Promise<number | null> {
  try {
    if (!from.includes('.') && !head.includes('.')) return Math.max(0, Number(BigInt(head) - BigInt(from)));
    let count = 0;
    let position = from;
    while (count < LAG_SCAN_CAP) {
      const page = await store.port.readAll({ from: position, limit: 1000 });
      count += page.events.length;
      if (page.atEnd) return count;
      position = page.next;
    }
    return count;
  } catch {
    return null;
  }
}

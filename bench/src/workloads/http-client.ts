// W7 load generator, run in its own process so it does not take the server's CPU: keep-alive HTTP appends.
import http from 'node:http';
import { depositEvents } from '../payload.js';

interface ClientConfig {
  url: string;
  connections: number;
  requests: number;
  batch: number;
  tag: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ClientConfig;
const agent = new http.Agent({ keepAlive: true, maxSockets: config.connections });

function post(path: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${config.url}${path}`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 201
            ? resolve()
            : reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const streamsPerConn = 16;
const loop = async (c: number) => {
  const last = new Array<number>(streamsPerConn).fill(-1);
  for (let i = 0; i < config.requests; i++) {
    const s = i % streamsPerConn;
    const streamId = `account-${config.tag}c${c}x${s}`;
    const prev = last[s] as number;
    const body = JSON.stringify({
      events: depositEvents(streamId, i * config.batch, config.batch),
      expectedRevision: prev < 0 ? 'no_stream' : prev,
    });
    await post(`/v1/streams/${encodeURIComponent(streamId)}`, body);
    last[s] = prev + config.batch;
  }
};

// One warm-up request per connection opens the sockets before the clock starts.
await Promise.all(
  Array.from({ length: config.connections }, (_, c) =>
    post(`/v1/streams/account-${config.tag}warm${c}`, JSON.stringify({ events: depositEvents('warm', 0, 1) })),
  ),
);
const start = performance.now();
const settled = await Promise.allSettled(Array.from({ length: config.connections }, (_, c) => loop(c)));
const seconds = (performance.now() - start) / 1000;
const failed = settled.find((s) => s.status === 'rejected');
agent.destroy();
if (failed) {
  process.stdout.write(`${JSON.stringify({ error: String((failed as PromiseRejectedResult).reason?.message) })}\n`);
} else {
  process.stdout.write(`${JSON.stringify({ rate: (config.connections * config.requests * config.batch) / seconds })}\n`);
}

// A small HTTP load generator: N keep-alive connections posting as fast as the server answers, for a fixed time.
import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  errors: number;
  latencies: number[];
}

export async function load(options: {
  url: string;
  connections: number;
  seconds: number;
  body: (i: number) => string;
  path: (i: number) => string;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const { hostname, port } = new URL(options.url);
  const end = Date.now() + options.seconds * 1000;
  let counter = 0;
  let errors = 0;
  const latencies: number[] = [];
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const body = options.body(i);
      const started = performance.now();
      const req = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: options.path(i),
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 201 && res.statusCode !== 200) errors++;
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < end) await one(counter++);
    }),
  );
  agent.destroy();
  const seconds = (Date.now() - started) / 1000;
  return { requests: latencies.length, seconds, perSecond: latencies.length / seconds, errors, latencies };
}

export const percentile = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

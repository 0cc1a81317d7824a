// Hono vs Fastify on the append path: same store, same validation work (JSON schema), 8 connections, 1 event per request.
// Run: npx tsx packages/server/scripts/compare-frameworks.ts [seconds]
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { EventStore, MemoryStore } from '@logbook/core';
import Fastify from 'fastify';
import { load, percentile } from './load.js';

const seconds = Number(process.argv[2] ?? 5);
const body = (i: number) => JSON.stringify({ events: [{ type: 'Deposited', data: { amount: i, note: 'benchmark' } }] });
const path = (i: number) => `/v1/streams/account-${i % 1000}`;

async function hono(): Promise<{ url: string; close: () => void }> {
  const store = new EventStore(new MemoryStore());
  const app = new OpenAPIHono();
  const route = createRoute({
    method: 'post',
    path: '/v1/streams/{streamId}',
    request: {
      params: z.object({ streamId: z.string() }),
      body: {
        content: {
          'application/json': {
            schema: z.object({
              events: z
                .array(
                  z.object({
                    id: z.string().optional(),
                    type: z.string(),
                    data: z.any(),
                    metadata: z.record(z.string(), z.any()).optional(),
                  }),
                )
                .min(1),
              expectedRevision: z.union([z.enum(['any', 'no_stream', 'stream_exists']), z.number().int().min(0)]).optional(),
            }),
          },
        },
      },
    },
    responses: { 201: { description: 'ok' } },
  });
  app.openapi(route, async (c) => {
    const { streamId } = c.req.valid('param');
    const { events } = c.req.valid('json');
    const r = await store.append(streamId, events as never);
    return c.json({ streamId, lastRevision: Number(r.lastRevision), position: r.position }, 201) as never;
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function fastify(): Promise<{ url: string; close: () => void }> {
  const store = new EventStore(new MemoryStore());
  const app = Fastify({ logger: false });
  app.post(
    '/v1/streams/:streamId',
    {
      schema: {
        body: {
          type: 'object',
          required: ['events'],
          properties: {
            events: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['type', 'data'],
                properties: { id: { type: 'string' }, type: { type: 'string' }, data: {}, metadata: { type: 'object' } },
              },
            },
            expectedRevision: { anyOf: [{ enum: ['any', 'no_stream', 'stream_exists'] }, { type: 'integer', minimum: 0 }] },
          },
        },
      },
    },
    async (req, reply) => {
      const { streamId } = req.params as { streamId: string };
      const { events } = req.body as { events: never[] };
      const r = await store.append(streamId, events);
      reply.code(201);
      return { streamId, lastRevision: Number(r.lastRevision), position: r.position };
    },
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => void app.close() };
}

// Alternating rounds, medians reported; CPU per request (this process: server + load generator, the same
// generator for both) is less sensitive to a busy machine than wall-clock throughput.
const rounds: Record<string, Array<{ rps: number; cpuUs: number; p50: number; p99: number }>> = { hono: [], fastify: [] };
for (let round = 0; round < 3; round++) {
  for (const [name, start] of [
    ['hono', hono],
    ['fastify', fastify],
  ] as const) {
    const server = await start();
    await load({ url: server.url, connections: 8, seconds: 2, body, path }); // warm-up
    const cpu0 = process.cpuUsage();
    const r = await load({ url: server.url, connections: 8, seconds, body, path });
    const cpu = process.cpuUsage(cpu0);
    rounds[name]?.push({
      rps: r.perSecond,
      cpuUs: (cpu.user + cpu.system) / r.requests,
      p50: percentile(r.latencies, 50),
      p99: percentile(r.latencies, 99),
    });
    server.close();
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
for (const [name, rs] of Object.entries(rounds)) {
  console.log(
    `${name.padEnd(8)} median ${Math.round(median(rs.map((r) => r.rps)))} req/s, ${Math.round(median(rs.map((r) => r.cpuUs)))} µs CPU/request, ` +
      `p50 ${median(rs.map((r) => r.p50)).toFixed(2)} ms, p99 ${median(rs.map((r) => r.p99)).toFixed(2)} ms ` +
      `(rounds: ${rs.map((r) => Math.round(r.rps)).join(', ')} req/s)`,
  );
}
process.exit(0);

// createServer: the Hono application over an injected EventStore (routes, auth, logging, errors, OpenAPI, UI).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Logger, pino } from 'pino';
import { ANONYMOUS, Authenticator } from './auth.js';
import {
  DEFAULT_SERVER_LIMITS,
  DEFAULT_SSE,
  type Env,
  InflightTracker,
  SERVER_VERSION,
  type ServerOptions,
  type ServerState,
} from './context.js';
import { sendError } from './errors.js';
import { createMetrics } from './metrics.js';
import { RateTracker } from './rate.js';
import { startRelatedIndex } from './related-runner.js';
import { StateCheckpoints } from './states.js';
import { registerOpsRoutes } from './routes-ops.js';
import { registerReadRoutes } from './routes-read.js';
import { registerWriteRoutes } from './routes-write.js';

export interface LogbookServer {
  app: OpenAPIHono<Env>;
  /** The handler for @hono/node-server (or any fetch server); `env` carries Node's { incoming, outgoing }. */
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  state: ServerState;
  /** Refuses new writes, ends SSE streams and waits for in-flight appends. Does not close the store. */
  drain(): Promise<void>;
  /** Stops the server's related-events projection (its last page commits first). Does not close the store. */
  dispose(): Promise<void>;
}

const SAFE_ID = /^[\w.:-]{1,128}$/;
const PUBLIC_PATHS = new Set(['/v1/health', '/v1/openapi.json']);

export function createServer(options: ServerOptions): LogbookServer {
  const { store } = options;
  const logger = options.logger === false ? undefined : (options.logger ?? pino({ name: 'logbook' }));
  const rate = new RateTracker();
  // The related-events index follows the log after the append (checkpointed), so appends keep the store's fast path.
  const related = startRelatedIndex(store, {
    onError: (e) => logger?.error({ err: e }, 'the related-events index stopped'),
  });
  if (!related) {
    logger?.warn('the store has no transactions: /v1/events/{id}/related will not find caused or correlated events');
  }
  const state: ServerState = {
    store,
    auth: new Authenticator(options.auth),
    limits: { ...DEFAULT_SERVER_LIMITS, ...options.limits },
    sse: { ...DEFAULT_SSE, ...options.sse },
    views: options.views ?? {},
    metrics: createMetrics(store, { defaultMetrics: options.processMetrics ?? true }),
    rate,
    logger,
    startedAt: new Date(),
    storeVersion: options.storeVersion ?? 'unknown',
    shutdown: new AbortController(),
    inflight: new InflightTracker(),
    related,
    openSubscriptions: 0,
    stateCheckpoints: new StateCheckpoints(),
  };

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const path = issue?.path.map(String) ?? [];
      const where = path.length > 0 ? `${result.target} ${path.join('.')}` : result.target;
      const code = path.includes('events') && path.length > 2 ? 'invalid_event' : 'invalid_request';
      const message =
        result.target === 'json' && path.length === 0 ? 'the body must be a JSON object' : `${where}: ${issue?.message}`;
      return c.json({ error: { code, message, issues: result.error.issues.slice(0, 10) } }, 400);
    },
  });

  // Labelled histogram children, kept so each request skips prom-client's label hashing.
  const timers = new Map<string, { observe(v: number): void }>();
  const requestSeconds = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let timer = timers.get(key);
    if (!timer) {
      timer = state.metrics.requestSeconds.labels({ method, route, status: String(status) });
      timers.set(key, timer);
    }
    return timer;
  };

  app.use('*', async (c, next) => {
    const start = performance.now();
    const header = c.req.header('x-request-id');
    const requestId = header && SAFE_ID.test(header) ? header : randomUUID();
    const corr = c.req.header('x-correlation-id');
    const correlationId = corr && SAFE_ID.test(corr) ? corr : requestId;
    // The child logger is built only when a route logs something: one per request costs more than the request line.
    let child: Logger | undefined;
    c.set('log', () => (child ??= logger?.child({ reqId: requestId, correlationId })));
    c.set('requestId', requestId);
    c.set('principal', ANONYMOUS);
    // Set before the handler so c.json() includes it: c.header() on a finished response rebuilds it as a full
    // WHATWG Response (body stream and all). Responses built without c (SSE, static files) get it afterwards.
    c.header('x-request-id', requestId);
    await next();
    if (c.res.headers.get('x-request-id') !== requestId) c.header('x-request-id', requestId);
    const ms = Math.round((performance.now() - start) * 100) / 100;
    const route = c.req.routePath || 'unmatched';
    const status = c.res.status;
    requestSeconds(c.req.method, route, status).observe(ms / 1000);
    if (logger?.isLevelEnabled('info')) {
      const token = c.get('principal').name;
      logger.info({ reqId: requestId, correlationId, method: c.req.method, url: c.req.path, status, ms, token }, 'request');
    }
  });

  app.onError((e, c) => sendError(c, e));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));

  app.use('*', async (c, next) => {
    const path = c.req.path;
    const isApi = path.startsWith('/v1/') || path === '/metrics';
    if (isApi && !PUBLIC_PATHS.has(path)) c.set('principal', state.auth.authenticate(c.req.header('authorization')));
    await next();
  });

  registerWriteRoutes(app, state);
  registerReadRoutes(app, state);
  registerOpsRoutes(app, state);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/metrics',
    tags: ['operations'],
    summary: 'Prometheus metrics: appends, events, conflicts, latency histograms, open subscriptions, consumer lag',
    responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } },
  });
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Logbook HTTP API',
      version: SERVER_VERSION,
      description: 'Event store API. Revisions are JSON integers; positions are opaque ordered strings.',
    },
    security: state.auth.required ? [{ bearer: [] }] : [],
  });

  if (options.uiDir) mountUi(app, resolve(options.uiDir));

  return {
    app,
    fetch: (request, env) => app.fetch(request, env as never),
    state,
    drain: async () => {
      state.shutdown.abort();
      await state.inflight.idle();
    },
    dispose: async () => {
      await related?.stop();
    },
  };
}

/** Serves the built UI; unknown non-API paths get index.html so client-side routes survive a reload. */
function mountUi(app: OpenAPIHono<Env>, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.use('/*', async (c, next) => {
    if (c.req.path.startsWith('/v1/') || c.req.path === '/metrics') return next();
    return serveStatic({ root: dir })(c, next);
  });
  app.get('*', (c) => {
    // Client-side routes have no file extension; a missing asset is a real 404, not the app shell.
    const last = c.req.path.split('/').pop() ?? '';
    if (c.req.path.startsWith('/v1/') || c.req.path === '/metrics' || last.includes('.')) return c.notFound();
    return c.html(readFileSync(index, 'utf8'));
  });
}

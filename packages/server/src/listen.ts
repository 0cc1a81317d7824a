// Binding the server to a socket: the loopback-only rule without auth, and graceful shutdown.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { LogbookError } from '@logbook/core';
import { createServer, type LogbookServer } from './app.js';
import type { ServerOptions } from './context.js';

export interface StartOptions extends ServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 4000; 0 picks a free port. */
  port?: number;
  /** Allows binding a non-loopback address without tokens. */
  insecure?: boolean;
  /** Close the store when the server stops. Default true. */
  closeStore?: boolean;
  /** Stop gracefully on SIGTERM/SIGINT, then call onSignalClosed (e.g. process.exit). Default false. */
  handleSignals?: boolean;
  onSignalClosed?: () => void;
  /** Connections still open this long after shutdown began are cut. Default 10 s. */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  http: Server;
  logbook: LogbookServer;
  /** Graceful stop: stop accepting, finish in-flight appends, end SSE streams, close the store. Idempotent. */
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4000;
  const authOn = (options.auth?.tokens.length ?? 0) > 0;
  if (!authOn && !isLoopback(host) && !options.insecure) {
    throw new LogbookError(
      'invalid_request',
      `refusing to listen on ${host} without auth tokens: anyone on the network could read and write every stream. ` +
        'Configure tokens (--tokens FILE or LOGBOOK_TOKENS) or pass --insecure.',
    );
  }
  const logbook = createServer(options);
  const log = logbook.state.logger;
  if (!authOn && !isLoopback(host)) {
    const banner = `WARNING: INSECURE: listening on ${host} WITHOUT AUTHENTICATION. Anyone who can reach this port can read and write every stream.`;
    log?.warn(banner);
    process.stderr.write(`\n${'!'.repeat(banner.length)}\n${banner}\n${'!'.repeat(banner.length)}\n\n`);
  }

  const http = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: logbook.fetch, port, hostname: host }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(new LogbookError('invalid_request', `cannot listen on ${host}:${port}: ${e.code ?? e.message}`)),
    );
  });
  // Slow-loris guard; SSE responses are long-lived but their headers go out at once.
  http.headersTimeout = 20_000;
  http.requestTimeout = 120_000;
  const address = http.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      log?.info('shutting down: refusing new connections, finishing in-flight appends');
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      await logbook.drain();
      http.closeIdleConnections();
      const timer = setTimeout(() => http.closeAllConnections(), options.shutdownTimeoutMs ?? 10_000);
      await closed;
      clearTimeout(timer);
      await logbook.dispose();
      if (options.closeStore ?? true) await options.store.close();
      log?.info('stopped');
    })();
    return closing;
  };

  if (options.handleSignals) {
    const onSignal = (signal: string) => {
      log?.info({ signal }, 'signal received');
      close().then(
        () => options.onSignalClosed?.(),
        (e) => {
          log?.error({ err: e }, 'error during shutdown');
          options.onSignalClosed?.();
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  log?.info({ url, store: options.store.kind, auth: authOn }, `logbook listening on ${url}`);
  return { url, host, port: address.port, http, logbook, close };
}

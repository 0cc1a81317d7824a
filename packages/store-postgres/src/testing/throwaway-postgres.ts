// Starts a throw-away PostgreSQL server for tests and tools: initdb into a temp dir, a free loopback port, removed on stop().
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth, no password). */
  readonly connectionString: string;
  readonly port: number;
  /** The temp directory holding the cluster; removed by stop(). */
  readonly dir: string;
  /** Shuts the server down (fast shutdown) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ThrowawayOptions {
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
  /** How long to wait for the server to accept connections; default 30 s. */
  startTimeoutMs?: number;
}

/** Finds a directory holding initdb and postgres: the newest /usr/lib/postgresql/N/bin, then /usr/local/bin, then PATH. */
export function findPostgresBinaries(): string {
  const candidates: string[] = [];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    for (const v of versions) candidates.push(join(root, v, 'bin'));
  }
  candidates.push('/usr/local/bin', '/usr/bin', ...(process.env.PATH ?? '').split(':').filter(Boolean));
  for (const dir of candidates) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  throw new Error('PostgreSQL binaries (initdb, postgres) not found; install Debian package "postgresql"');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: then the commands run as the `postgres` OS user. */
function asUser(): { wrap: (cmd: string, args: string[]) => [string, string[]]; uid?: number; gid?: number } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { wrap: (cmd, args) => [cmd, args] };
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  // setpriv execs in place, so the child pid is postgres itself and signals reach it directly.
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find(existsSync);
  if (setpriv) {
    return {
      uid,
      gid,
      wrap: (cmd, args) => [setpriv, ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]],
    };
  }
  return { uid, gid, wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]] };
}

export async function startThrowawayPostgres(options: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBinaries();
  const user = asUser();
  // Run as another user, the server must be able to reach the directory: fall back to /tmp when TMPDIR is private.
  const base = user.uid !== undefined && (statSync(tmpdir()).mode & 0o001) === 0 ? '/tmp' : tmpdir();
  const dir = mkdtempSync(join(base, 'logbook-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets);
  if (user.uid !== undefined && user.gid !== undefined) {
    chownSync(dir, user.uid, user.gid);
    chownSync(sockets, user.uid, user.gid);
  }
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  try {
    const [cmd, args] = user.wrap(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync', // only initdb's own final sync; the running server keeps fsync on
    ]);
    execFileSync(cmd, args, { cwd: dir, env, stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`initdb failed: ${err.stderr?.toString() ?? err.message}`);
  }

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const child = await launch(bin, user, data, sockets, port, dir, env, options);
      return handle(child, dir, port);
    } catch (e) {
      lastError = e; // most likely the port was taken between freePort() and bind; try another
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

function launch(
  bin: string,
  user: ReturnType<typeof asUser>,
  data: string,
  sockets: string,
  port: number,
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: ThrowawayOptions,
): Promise<ChildProcess> {
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: sockets,
    fsync: 'on',
    synchronous_commit: 'on',
    max_connections: 300,
    shared_buffers: '128MB',
    ...options.settings,
  };
  const args = ['-D', data];
  for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
  const [cmd, wrapped] = user.wrap(join(bin, 'postgres'), args);
  const child = spawn(cmd, wrapped, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`postgres did not start within ${options.startTimeoutMs ?? 30_000} ms:\n${log}`));
    }, options.startTimeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept connections')) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        child.stderr?.resume(); // keep draining so the server never blocks on a full pipe
        resolve(child);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited with ${code} before accepting connections:\n${log}`));
    });
  });
}

function handle(child: ChildProcess, dir: string, port: number): ThrowawayPostgres {
  let stopped: Promise<void> | undefined;
  // Last resort when the process exits without stop(): immediate shutdown, then remove the files.
  const onExit = () => {
    try {
      child.kill('SIGQUIT');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  child.unref();
  return {
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        process.off('exit', onExit);
        let hard: NodeJS.Timeout | undefined;
        const done = () => {
          clearTimeout(hard);
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', done);
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      });
      return stopped;
    },
  };
}

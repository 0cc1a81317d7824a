// Runs the logbook command as a child process (through the same bin shim `npx logbook` uses).
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/logbook.mjs', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, LOGBOOK_SERVER: '', LOGBOOK_DB: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `logbook serve` on a free port and resolves once it prints its URL. */
export function serve(
  args: string[],
  options: { cwd?: string } = {},
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log-level', 'warn', ...args], {
      cwd: options.cwd,
      env: { ...process.env, LOGBOOK_TOKENS: '', LOGBOOK_TOKENS_FILE: '' },
    });
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      const m = /on (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) resolve({ url: m[1], child, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

export const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));

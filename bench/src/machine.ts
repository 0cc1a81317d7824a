// What the numbers were measured on: CPU, cores, memory, disk fsync rate, load, and the versions in play.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  /** 4 KiB write + fdatasync per second in the temp dir the stores use. */
  fsyncPerSecond: number;
  loadAverage: number[];
  node: string;
  sqlite: string;
}

/** Rewrites one 4 KiB block and fdatasyncs it in a loop, like a WAL commit: the disk's commit-rate ceiling. */
export function measureFsyncRate(ms = 2000): number {
  const dir = mkdtempSync(join(tmpdir(), 'fsync-probe-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const block = Buffer.alloc(4096, 7);
  let n = 0;
  const start = performance.now();
  try {
    while (performance.now() - start < ms) {
      writeSync(fd, block, 0, block.length, 0);
      fdatasyncSync(fd);
      n++;
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return n / ((performance.now() - start) / 1000);
}

export function machineInfo(): MachineInfo {
  const db = new Database(':memory:');
  const sqlite = String((db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v);
  db.close();
  const list = cpus();
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    fsyncPerSecond: measureFsyncRate(),
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    sqlite,
  };
}

export function describeMachine(m: MachineInfo, postgres: string | undefined): string {
  return [
    `CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.memoryGb} GB`,
    `Disk: ${Math.round(m.fsyncPerSecond).toLocaleString('en-US')} fdatasync/s (4 KiB rewrite loop in ${tmpdir()})`,
    `Load average at start: ${m.loadAverage.join(', ')}`,
    `Node ${m.node}; SQLite ${m.sqlite} (better-sqlite3); PostgreSQL ${postgres ?? 'not run'}`,
  ].join('\n');
}

// Runs the quick benchmark end to end (memory, SQLite, PostgreSQL) so the harness cannot rot. No timing assertions.
import { describe, expect, it } from 'vitest';
import { HEADER, QUICK, type Row, WORKLOAD_TITLES, runBench } from '../src/index.js';

const WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7-1', 'W7-100', 'W8'] as const;

describe('quick benchmark run', () => {
  it('prints a table with every workload on every store, each measured without error', async () => {
    const lines: string[] = [];
    const report = await runBench({
      sizes: QUICK,
      backends: ['memory', 'sqlite', 'postgres'],
      w8: true,
      log: (line) => lines.push(line),
    });
    // PostgreSQL is started by the bench itself; when it cannot be, the report says why and its rows are absent.
    const pgSkipped = report.skipped.find((s) => s.label === 'logbook/postgres');
    const backends = pgSkipped ? ['memory', 'sqlite'] : ['memory', 'sqlite', 'postgres'];

    for (const workload of WORKLOADS) {
      for (const backend of backends) {
        if (workload === 'W8' && backend === 'memory') continue;
        const row = report.rows.find((r: Row) => r.workload === workload && r.backend === backend);
        expect(row, `${workload} on ${backend}`).toBeDefined();
        expect(row?.logbook?.error, `${workload} logbook/${backend}: ${row?.logbook?.error}`).toBeUndefined();
        expect(row?.logbook?.runs.length, `${workload} logbook/${backend} runs`).toBeGreaterThan(0);
        expect(Number.isFinite(row?.logbook?.value)).toBe(true);
        expect(report.text).toContain(WORKLOAD_TITLES[workload]);
        // Baselines: the raw database on every durable store for the workloads it can do.
        if (backend !== 'memory' && ['W1', 'W2', 'W3', 'W4', 'W5'].includes(workload)) {
          expect(row?.raw?.error, `${workload} raw/${backend}: ${row?.raw?.error}`).toBeUndefined();
          expect(row?.ratio, `${workload} ratio on ${backend}`).toBeGreaterThan(0);
          // Emmett is measured too; it may fail a workload (that is a result), but it must have a cell.
          const emmettSkipped = report.skipped.some((s) => s.label === `emmett/${backend}`);
          if (!emmettSkipped) expect(row?.emmett, `${workload} emmett/${backend}`).toBeDefined();
        }
      }
    }
    expect(report.rows.filter((r) => r.workload === 'W3' && r.backend === 'sqlite')[0]?.target).toContain('3x');
    expect(report.text.split('\n').some((l) => HEADER.every((h) => l.includes(h)))).toBe(true);
    expect(report.rows.every((r) => r.workload !== 'W8' || r.backend !== 'memory')).toBe(true);
    expect(lines.some((l) => l.includes('fdatasync/s'))).toBe(true);
  });
});

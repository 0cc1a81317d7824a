// One benchmark run: start PostgreSQL if asked, run every subject, then W7 and W8, and build the report.
import { describeMachine, type MachineInfo, machineInfo } from './machine.js';
import { type BenchPostgres, startBenchPostgres } from './postgres.js';
import { markdownTable, textTable } from './report.js';
import { Results } from './results.js';
import { type Log, runSubject } from './runner.js';
import type { Sizes } from './sizes.js';
import { planSubjects } from './subjects/all.js';
import type { Backend } from './subjects/types.js';
import { type Row, buildRows } from './targets.js';
import { loadavg } from 'node:os';
import { runW7 } from './workloads/http.js';
import { runW8 } from './workloads/replay.js';

export interface BenchOptions {
  sizes: Sizes;
  backends: Backend[];
  /** Run W8 (the replay in a child process). */
  w8: boolean;
  /** Only subjects whose label contains one of these (profiling); default all. */
  subjects?: string[];
  /** Only these workloads, e.g. ['W2'] (profiling); default all. */
  workloads?: string[];
  log: Log;
}

export interface BenchReport {
  machine: MachineInfo;
  rows: Row[];
  skipped: Array<{ label: string; reason: string }>;
  text: string;
  markdown: string;
  json: unknown;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { sizes, backends, log } = options;
  const results = new Results();
  const machine = machineInfo();
  log(describeMachine(machine, undefined));
  let pg: BenchPostgres | { skipped: string } | undefined;
  if (backends.includes('postgres')) {
    log('starting PostgreSQL');
    pg = await startBenchPostgres();
    if ('skipped' in pg) log(`  ${pg.skipped}`);
  }
  const server = pg && 'url' in pg ? pg : undefined;
  const startedAt = Date.now();
  try {
    const plan = planSubjects(backends, pg);
    for (const s of plan.skipped) log(`skipping ${s.label}: ${s.reason}`);
    const want = (id: string) => !options.workloads || options.workloads.some((w) => id.startsWith(w));
    const subjects = plan.subjects.filter((s) => !options.subjects || options.subjects.some((f) => s.label.includes(f)));
    const storeWorkloads = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'].some(want);
    if (storeWorkloads) for (const subject of subjects) await runSubject(subject, sizes, results, log, want);
    for (const backend of backends) {
      if ((backend === 'postgres' && !server) || !want('W7')) continue;
      await runW7(backend, server, sizes, results, log);
    }
    if (options.w8 && want('W8')) {
      for (const backend of backends) {
        if (backend === 'memory' || (backend === 'postgres' && !server)) continue;
        await runW8(backend, server, sizes, results, log);
      }
    }
    const rows = buildRows(
      results,
      backends.filter((b) => b !== 'postgres' || server),
    );
    log(`done in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    const skippedLines = plan.skipped.map((s) => `skipped ${s.label}: ${s.reason}`);
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    const header = `${describeMachine(machine, server?.version)}\nLoad average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}; run took ${seconds} s\n`;
    return {
      machine,
      rows,
      skipped: plan.skipped,
      text: [header, textTable(rows), ...skippedLines].join('\n'),
      markdown: [header, markdownTable(rows), '', ...skippedLines].join('\n'),
      json: { machine, seconds, sizes, postgres: server?.version, results: results.toJSON(), rows, skipped: plan.skipped },
    };
  } finally {
    await server?.stop();
  }
}

// The targets, each computed from one run's measurements.
import type { Measurement, Results, WorkloadId } from './results.js';
import type { Backend } from './subjects/types.js';

export interface Row {
  workload: WorkloadId;
  backend: Backend;
  /** What the numbers are, e.g. "events/s". */
  unit: string;
  logbook?: Measurement;
  raw?: Measurement;
  emmett?: Measurement;
  /** Logbook / the reference the target names (raw, the direct store rate...). */
  ratio?: number;
  vsEmmett?: number;
  target: string;
  /** undefined: no target for this row, or it could not be computed. */
  met?: boolean;
  note?: string;
}

export const WORKLOAD_TITLES: Record<WorkloadId, string> = {
  W1: 'W1 1 event/append, sequential',
  W2: 'W2 100 events/append, sequential',
  W3: 'W3 8 writers, 1 event/append',
  W4: 'W4 load+fold 1,000 events',
  W5: 'W5 read whole log (subscription)',
  W6: 'W6 append->subscriber p50/p99 (8 writers)',
  'W7-1': 'W7 HTTP, 1 event/request, 8 conns',
  'W7-100': 'W7 HTTP, 100 events/request, 8 conns',
  'W7-direct-1': 'W7 direct store, 1 event/append',
  'W7-direct-100': 'W7 direct store, 100 events/append',
  W8: 'W8 replay through a projection',
};

const UNITS: Partial<Record<WorkloadId, string>> = { W4: 'ms/fold', W6: 'ms', W8: 'events/s' };

function ok(m: Measurement | undefined): m is Measurement {
  return m !== undefined && m.error === undefined && Number.isFinite(m.value);
}

function ratio(a: Measurement | undefined, b: Measurement | undefined): number | undefined {
  return ok(a) && ok(b) && b.value > 0 ? a.value / b.value : undefined;
}

export function buildRows(results: Results, backends: readonly Backend[]): Row[] {
  const rows: Row[] = [];
  const ids: WorkloadId[] = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7-1', 'W7-100', 'W8'];
  for (const workload of ids) {
    for (const backend of backends) {
      if (workload === 'W8' && backend === 'memory') continue; // the memory store holds the log in RAM by design
      const get = (impl: string) => results.get(workload, `${impl}/${backend}`);
      const row: Row = { workload, backend, unit: UNITS[workload] ?? 'events/s', logbook: get('logbook'), target: '-' };
      if (backend !== 'memory' && !workload.startsWith('W7') && workload !== 'W6' && workload !== 'W8') {
        row.raw = get('raw');
        row.emmett = get('emmett');
        row.vsEmmett = workload === 'W4' ? ratio(row.emmett, row.logbook) : ratio(row.logbook, row.emmett);
      }
      applyTarget(row, results);
      rows.push(row);
    }
  }
  return rows;
}

function applyTarget(row: Row, results: Results): void {
  const { workload, backend } = row;
  const lb = row.logbook;
  const atLeast = (r: number | undefined, min: number, label: string) => {
    row.ratio = r;
    row.target = label;
    row.met = r === undefined ? undefined : r >= min;
  };
  if (backend === 'memory') {
    row.target = 'none (no durable baseline)';
    return;
  }
  switch (workload) {
    case 'W1':
      atLeast(ratio(lb, row.raw), 0.8, '>= 0.8x raw');
      return;
    case 'W2':
      atLeast(ratio(lb, row.raw), 0.7, '>= 0.7x raw');
      return;
    case 'W3':
      if (backend === 'postgres') {
        atLeast(ratio(lb, row.raw), 0.8, '>= 0.8x raw');
        return;
      }
      // SQLite: past the one-fsync-per-commit limit, against raw single-writer appends (W1 raw).
      row.note = 'ratio vs raw single-writer (W1 raw)';
      atLeast(ratio(lb, results.get('W1', 'raw/sqlite')), 3, '>= 3x raw single writer');
      return;
    case 'W4': {
      const r = ratio(lb, row.raw);
      row.ratio = r;
      row.target = '<= 1.5x raw time';
      row.met = r === undefined ? undefined : r <= 1.5;
      return;
    }
    case 'W5':
      atLeast(ratio(lb, row.raw), 0.5, '>= 0.5x raw scan+parse');
      return;
    case 'W6': {
      const limit = backend === 'sqlite' ? 5 : 20;
      row.target = `p99 <= ${limit} ms`;
      row.met = ok(lb) ? lb.value <= limit : undefined;
      return;
    }
    case 'W7-1':
    case 'W7-100': {
      const direct = results.get(workload === 'W7-1' ? 'W7-direct-1' : 'W7-direct-100', `logbook/${backend}`);
      row.raw = direct;
      row.note = 'reference column: the same load on the store directly';
      atLeast(ratio(lb, direct), 0.5, '>= 0.5x direct store');
      return;
    }
    case 'W8': {
      row.target = 'peak RSS <= 200 MB';
      const rss = ok(lb) ? lb.extra.rssMb : undefined;
      row.met = rss === undefined ? undefined : rss <= 200;
      return;
    }
    default:
      return;
  }
}

// Renders the rows as a plain-text table (terminal) and a Markdown table (docs/benchmarks.md).
import type { Measurement } from './results.js';
import { formatNumber } from './stats.js';
import { type Row, WORKLOAD_TITLES } from './targets.js';

function cell(m: Measurement | undefined, row: Row): string {
  if (!m) return '';
  if (m.error) return `error: ${m.error.slice(0, 60)}`;
  if (row.workload === 'W6') {
    const e = m.extra;
    return `${formatNumber(e.p50 ?? Number.NaN)} / ${formatNumber(e.p99 ?? Number.NaN)} (after ack: ${formatNumber(e.ackP50 ?? Number.NaN)} / ${formatNumber(e.ackP99 ?? Number.NaN)})`;
  }
  if (row.workload === 'W8') return `${formatNumber(m.value)} ev/s, ${formatNumber(m.extra.rssMb ?? Number.NaN)} MB`;
  return formatNumber(m.value);
}

function x(r: number | undefined): string {
  return r === undefined ? '' : `${r.toFixed(2)}x`;
}

function met(row: Row): string {
  if (row.target === '-' || row.target.startsWith('none')) return '';
  if (row.met === undefined) return 'n/a';
  return row.met ? 'met' : 'NOT met';
}

export const HEADER = ['Workload', 'Store', 'Unit', 'Logbook', 'Raw / ref', 'Emmett', 'vs ref', 'vs Emmett', 'Target', 'Result'];

export function rowCells(row: Row): string[] {
  return [
    WORKLOAD_TITLES[row.workload],
    row.backend,
    row.unit,
    cell(row.logbook, row),
    cell(row.raw, row),
    cell(row.emmett, row),
    x(row.ratio),
    x(row.vsEmmett),
    row.target,
    met(row),
  ];
}

export function textTable(rows: Row[]): string {
  const cells = [HEADER, ...rows.map(rowCells)];
  const widths = HEADER.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map((r) => line(rowCells(r)))].join('\n');
}

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${rowCells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}

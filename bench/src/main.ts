// `npm run bench [-- --quick] [--only memory,sqlite,postgres] [--subject logbook] [--workloads W2,W4] [--json f]`: prints the table.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runBench } from './bench.js';
import { FULL, QUICK } from './sizes.js';
import type { Backend } from './subjects/types.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
    markdown: { type: 'string' },
    runs: { type: 'string' },
    'w8-events': { type: 'string' },
    'w8-runs': { type: 'string' },
    'skip-w8': { type: 'boolean', default: false },
    subject: { type: 'string' },
    workloads: { type: 'string' },
  },
});

// Libraries under test print their own errors with console.log (Emmett does); keep stdout for the table.
console.log = (...args: unknown[]) => console.error(...args);

const sizes = { ...(values.quick ? QUICK : FULL) };
if (values.runs) sizes.runs = Math.max(1, Number(values.runs));
if (values['w8-runs']) sizes.w8Runs = Math.max(1, Number(values['w8-runs']));
if (values['w8-events']) sizes.w8Events = Number(values['w8-events']);
const backends = (values.only ?? 'memory,sqlite,postgres').split(',').map((s) => s.trim()) as Backend[];

const report = await runBench({
  sizes,
  backends,
  w8: !values['skip-w8'],
  subjects: values.subject?.split(','),
  workloads: values.workloads?.split(','),
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${report.text}\n`);
if (values.json)
  writeFileSync(values.json, `${JSON.stringify(report.json, (_k, v) => (typeof v === 'bigint' ? String(v) : v), 2)}\n`);
if (values.markdown) writeFileSync(values.markdown, `${report.markdown}\n`);

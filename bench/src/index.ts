// @logbook/bench: the benchmark harness (run it with `npm run bench`; this export is for the harness test).
export { runBench, type BenchOptions, type BenchReport } from './bench.js';
export { FULL, QUICK, type Sizes } from './sizes.js';
export { WORKLOAD_TITLES, type Row } from './targets.js';
export { HEADER } from './report.js';

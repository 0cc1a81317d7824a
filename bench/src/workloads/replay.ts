// W8: replay a large log through a projection in a child process, measuring events/s and peak RSS.
import type { BenchPostgres } from '../postgres.js';
import type { Results } from '../results.js';
import type { Log } from '../runner.js';
import type { Sizes } from '../sizes.js';
import type { Backend } from '../subjects/types.js';

export async function runW8(
  _backend: Backend,
  _pg: BenchPostgres | undefined,
  _sizes: Sizes,
  _results: Results,
  _log: Log,
): Promise<void> {}

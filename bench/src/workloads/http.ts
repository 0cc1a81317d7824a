// W7: appends over HTTP through @logbook/server (8 connections), beside the same load on the store directly.
import type { BenchPostgres } from '../postgres.js';
import type { Results } from '../results.js';
import type { Log } from '../runner.js';
import type { Sizes } from '../sizes.js';
import type { Backend } from '../subjects/types.js';

export async function runW7(
  _backend: Backend,
  _pg: BenchPostgres | undefined,
  _sizes: Sizes,
  _results: Results,
  _log: Log,
): Promise<void> {}

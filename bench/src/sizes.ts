// Workload sizes for the full run and for --quick (the harness check that runs inside `npm test`).
export interface Sizes {
  runs: number;
  /** W1: appends of one event, round-robin over up to 1,000 streams. */
  w1Appends: number;
  /** W2: appends of 100 events. */
  w2Appends: number;
  /** W3 and W6: appends per writer (8 writers). */
  w3AppendsPerWriter: number;
  writers: number;
  /** W4/W5: the log size and the one long stream inside it. */
  readLogEvents: number;
  foldStreamEvents: number;
  /** W4: folds per run (one fold of 1,000 events takes about a millisecond). */
  foldsPerRun: number;
  /** W7: requests per connection, for 1 and 100 events per request. */
  w7SingleRequests: number;
  w7BatchRequests: number;
  /** W8: events replayed through a projection in a child process, and how many full replays. */
  w8Events: number;
  w8Runs: number;
}

export const FULL: Sizes = {
  runs: 3,
  w1Appends: 2_000,
  w2Appends: 200,
  w3AppendsPerWriter: 400,
  writers: 8,
  readLogEvents: 100_000,
  foldStreamEvents: 1_000,
  foldsPerRun: 20,
  w7SingleRequests: 250,
  w7BatchRequests: 25,
  w8Events: 500_000,
  w8Runs: 3,
};

export const QUICK: Sizes = {
  runs: 3,
  w1Appends: 60,
  w2Appends: 6,
  w3AppendsPerWriter: 10,
  writers: 8,
  readLogEvents: 2_000,
  foldStreamEvents: 200,
  foldsPerRun: 3,
  w7SingleRequests: 8,
  w7BatchRequests: 2,
  w8Events: 2_000,
  w8Runs: 1,
};

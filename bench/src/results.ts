// Where measurements go: per workload, per subject, every run plus the median.
import { median } from './stats.js';

export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6' | 'W7-1' | 'W7-100' | 'W7-direct-1' | 'W7-direct-100' | 'W8';

export interface Measurement {
  runs: number[];
  /** Median of runs. */
  value: number;
  /** Medians of secondary figures (latency percentiles, RSS...). */
  extra: Record<string, number>;
  error?: string;
}

export class Results {
  private readonly data = new Map<string, Measurement>();

  private key(workload: WorkloadId, subject: string): string {
    return `${workload}|${subject}`;
  }

  get(workload: WorkloadId, subject: string): Measurement | undefined {
    return this.data.get(this.key(workload, subject));
  }

  record(workload: WorkloadId, subject: string, runs: number[], extras: Array<Record<string, number>> = []): Measurement {
    const extra: Record<string, number> = {};
    for (const name of new Set(extras.flatMap((e) => Object.keys(e)))) {
      extra[name] = median(extras.map((e) => e[name]).filter((v): v is number => v !== undefined));
    }
    const m: Measurement = { runs, value: median(runs), extra };
    this.data.set(this.key(workload, subject), m);
    return m;
  }

  fail(workload: WorkloadId, subject: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.data.set(this.key(workload, subject), { runs: [], value: Number.NaN, extra: {}, error: message.split('\n')[0] });
  }

  toJSON(): Record<string, Measurement> {
    return Object.fromEntries(this.data);
  }
}

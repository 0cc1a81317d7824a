// Runs the workloads against one subject: a fresh store, the read log seeded once, each workload `runs` times.
import type { Results, WorkloadId } from './results.js';
import type { Sizes } from './sizes.js';
import type { Session, Subject } from './subjects/types.js';
import { seedReadLog, w4, w5 } from './workloads/reads.js';
import { w1, w2, w3, w6 } from './workloads/writes.js';

export type Log = (line: string) => void;

async function repeat(
  results: Results,
  workload: WorkloadId,
  subject: Subject,
  runs: number,
  log: Log,
  once: (run: number) => Promise<number | { value: number; extra: Record<string, number> }>,
): Promise<void> {
  const values: number[] = [];
  const extras: Array<Record<string, number>> = [];
  try {
    for (let r = 0; r < runs; r++) {
      const out = await once(r);
      if (typeof out === 'number') values.push(out);
      else {
        values.push(out.value);
        extras.push(out.extra);
      }
    }
    const m = results.record(workload, subject.label, values, extras);
    log(
      `  ${workload.padEnd(6)} ${subject.label.padEnd(18)} ${values.map((v) => v.toFixed(1)).join(' / ')} -> ${m.value.toFixed(1)}`,
    );
  } catch (e) {
    results.fail(workload, subject.label, e);
    log(`  ${workload.padEnd(6)} ${subject.label.padEnd(18)} FAILED: ${(e as Error).message}`);
  }
}

export async function runSubject(
  subject: Subject,
  sizes: Sizes,
  results: Results,
  log: Log,
  want: (workload: WorkloadId) => boolean = () => true,
): Promise<void> {
  log(`${subject.label}: opening a fresh store`);
  let session: Session;
  try {
    session = await subject.open();
  } catch (e) {
    for (const w of ['W1', 'W2', 'W3', 'W4', 'W5'] as const) results.fail(w, subject.label, e);
    log(`  could not open: ${(e as Error).message}`);
    return;
  }
  try {
    let seeded = want('W4') || want('W5');
    const seedStart = performance.now();
    if (seeded)
      try {
        await seedReadLog(session, sizes.readLogEvents, sizes.foldStreamEvents);
        log(`  seeded ${sizes.readLogEvents} events in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
      } catch (e) {
        seeded = false;
        results.fail('W4', subject.label, e);
        results.fail('W5', subject.label, e);
        log(`  seeding FAILED: ${(e as Error).message}`);
      }
    if (seeded) {
      if (want('W4'))
        await repeat(results, 'W4', subject, sizes.runs, log, () => w4(session, sizes.foldsPerRun, sizes.foldStreamEvents));
      if (want('W5')) await repeat(results, 'W5', subject, sizes.runs, log, () => w5(session, sizes.readLogEvents));
    }
    if (want('W1')) await repeat(results, 'W1', subject, sizes.runs, log, (r) => w1(session, sizes.w1Appends, `r${r}`));
    if (want('W2')) await repeat(results, 'W2', subject, sizes.runs, log, (r) => w2(session, sizes.w2Appends, `r${r}`));
    if (want('W3'))
      await repeat(results, 'W3', subject, sizes.runs, log, (r) => w3(session, sizes.writers, sizes.w3AppendsPerWriter, `r${r}`));
    if (session.follow && want('W6')) {
      await repeat(results, 'W6', subject, sizes.runs, log, async (r) => {
        const l = await w6(session, sizes.writers, sizes.w3AppendsPerWriter, `l${r}`);
        return { value: l.p99, extra: { p50: l.p50, p99: l.p99, ackP50: l.ackP50, ackP99: l.ackP99, rate: l.rate } };
      });
    }
  } finally {
    await session.close();
  }
}

// The subjects of one run, in table order; PostgreSQL ones only when a server is available.
import type { BenchPostgres } from '../postgres.js';
import { emmettPostgres, emmettSqlite, emmettSqliteInstalled } from './emmett.js';
import { logbookSubject } from './logbook.js';
import { rawPostgres } from './raw-postgres.js';
import { rawSqlite } from './raw-sqlite.js';
import type { Backend, Subject } from './types.js';

export interface SubjectPlan {
  subjects: Subject[];
  /** Subjects left out, with the reason. */
  skipped: Array<{ label: string; reason: string }>;
}

export function planSubjects(backends: readonly Backend[], pg: BenchPostgres | { skipped: string } | undefined): SubjectPlan {
  const subjects: Subject[] = [];
  const skipped: SubjectPlan['skipped'] = [];
  if (backends.includes('memory')) subjects.push(logbookSubject('memory'));
  if (backends.includes('sqlite')) {
    subjects.push(logbookSubject('sqlite'), rawSqlite);
    if (emmettSqliteInstalled()) subjects.push(emmettSqlite);
    else
      skipped.push({
        label: 'emmett/sqlite',
        reason: 'bench/emmett-sqlite is not installed (npm run setup:emmett -w @logbook/bench)',
      });
  }
  if (backends.includes('postgres')) {
    if (pg && 'url' in pg) subjects.push(logbookSubject('postgres', pg), rawPostgres(pg), emmettPostgres(pg));
    else {
      const reason = pg?.skipped ?? 'not requested';
      for (const label of ['logbook/postgres', 'raw/postgres', 'emmett/postgres']) skipped.push({ label, reason });
    }
  }
  return { subjects, skipped };
}

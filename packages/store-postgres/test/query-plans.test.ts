// Reads use indexes: the plans of the global-log and stream reads are index scans with no sequential scan and no sort,
// so their cost depends on the page size, not on how many events the table holds.
import { type Position, proposeEvents } from '@logbook/core';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../src/index.js';
import { Statements, type Operation } from '../src/sql.js';
import { freshSchemaName, testPostgresUrl } from '../src/testing/index.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

const schema = freshSchemaName('plans');
const st = new Statements(schema);
let client: pg.Client;
let middle: Position;

beforeAll(async () => {
  const url = await testPostgresUrl();
  const store = createPostgresStore({ connectionString: url, schema });
  // 30,000 events: 20,000 over 200 short streams and a long stream of 10,000, written as 30 appends of 1,000.
  // (For a short stream the planner may pick a bitmap scan and sort its few rows: bounded by the stream, not the table.)
  const batch = (n: number) =>
    proposeEvents(Array.from({ length: n }, (_, i) => ({ type: i % 7 === 0 ? 'Rare' : 'Common', data: { i } })));
  for (let b = 0; b < 30; b++) {
    const writes =
      b % 3 === 2
        ? [{ streamId: 'plan-long', expectedRevision: 'any' as const, events: batch(1000) }]
        : Array.from({ length: 10 }, (_, s) => ({
            streamId: `plan-${(b * 10 + s) % 200}`,
            expectedRevision: 'any' as const,
            events: batch(100),
          }));
    const out = await store.append({ writes });
    if (!out.ok) throw new Error('setup append failed');
    if (b === 15) middle = out.results[0]?.position as Position;
  }
  await store.close();
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`ANALYZE "${schema}".events`);
  return () => client.end();
});

/** The plan PostgreSQL would use, as a custom plan for these values or as the generic plan a prepared statement may switch to. */
async function plan(op: Operation, values: unknown[], generic: boolean): Promise<PlanNode[]> {
  const { text } = st.q(op, values);
  const name = `explain_${op}_${generic ? 'g' : 'c'}`;
  await client.query(`PREPARE ${name} AS ${text.replace(/^--.*$/gm, '')}`);
  try {
    await client.query(`SET plan_cache_mode = ${generic ? 'force_generic_plan' : 'force_custom_plan'}`);
    // EXECUTE takes literals; these are test constants, quoted by the driver's escapeLiteral.
    const literal = (v: unknown) =>
      Array.isArray(v)
        ? client.escapeLiteral(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`)
        : typeof v === 'number'
          ? String(v)
          : client.escapeLiteral(String(v));
    const args = values.length > 0 ? `(${values.map(literal).join(', ')})` : '';
    const r = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${args}`);
    return nodes((r.rows[0]['QUERY PLAN'] as Array<{ Plan: PlanNode }>)[0]?.Plan as PlanNode);
  } finally {
    await client.query(`DEALLOCATE ${name}`);
    await client.query('RESET plan_cache_mode');
  }
}

const parts = (p: string) => p.split('.');

describe.each([false, true])('query plans (generic plan: %s)', (generic) => {
  const cases: Array<[string, Operation, () => unknown[], string]> = [
    ['global log from the start', 'read_all', () => ['0', '0', 500], 'events_log'],
    ['global log from a position', 'read_all', () => [...parts(middle), 500], 'events_log'],
    [
      'filtered global log from a position',
      'read_all_filtered',
      () => [...parts(middle), 1000, ['Rare'], ['plan'], 'plan-1'],
      'events_log',
    ],
    ['head position', 'head_position', () => [], 'events_log'],
    ['a stream forward from a revision', 'read_stream_forward', () => ['plan-long', '5000', 100], 'events_stream_revision'],
    ['a stream backward from a revision', 'read_stream_backward', () => ['plan-long', '5000', 100], 'events_stream_revision'],
    ['an event by id', 'read_event_by_id', () => ['00000000-0000-4000-8000-000000000000'], 'events_id'],
    ['stored events by ids', 'read_events_by_ids', () => [['00000000-0000-4000-8000-000000000000']], 'events_id'],
  ];
  it.each(cases)('%s: index scan on the events table, no seq scan, no sort', async (_, op, values, index) => {
    const all = await plan(op, values(), generic);
    const onEvents = all.filter((n) => n['Relation Name'] === 'events');
    expect(onEvents.length).toBeGreaterThan(0);
    for (const n of onEvents) {
      expect(n['Node Type']).toMatch(/^Index (Only )?Scan$/);
      expect(n['Index Name']).toBe(index);
    }
    expect(all.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(all.map((n) => n['Node Type'])).not.toContain('Seq Scan');
  });
});

describe('the plan check itself', () => {
  it('notices when the global-log index is missing (dropped inside a rolled-back transaction)', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`DROP INDEX "${schema}".events_log`);
      const kinds = (await plan('read_all', [...parts(middle), 500], false)).map((n) => n['Node Type']);
      expect(kinds.some((k) => k === 'Seq Scan' || k === 'Sort')).toBe(true);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

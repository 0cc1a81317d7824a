// The store's SQL: one operation per file under sql/, loaded once, bound to a schema and sent as named prepared statements.
import { readFileSync, readdirSync } from 'node:fs';
import type { PgQueryConfig } from './pg-types.js';
import { quoteSchema, schemaTag } from './schema-name.js';

const SQL_DIR = new URL('./sql/', import.meta.url);
const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

export const OPERATIONS = [
  'append',
  'append_stream',
  'inline_lock',
  'notify',
  'read_all',
  'read_all_filtered',
  'head_position',
  'blocked_events',
  'read_stream_forward',
  'read_stream_backward',
  'read_event_by_id',
  'read_events_by_ids',
  'stream_info',
  'list_streams',
  'stats',
  'snapshot_read',
  'snapshot_write',
  'snapshot_delete',
  'unique_owner',
  'uniques_reset',
  'uniques_release',
  'uniques_claim',
  'checkpoint_read',
  'checkpoint_write',
  'checkpoint_write_fenced',
  'checkpoint_delete',
  'checkpoint_list',
  'lease_acquire',
  'lease_renew',
  'lease_release',
  'lease_list',
  'member_heartbeat',
  'member_list',
  'member_leave',
  'document_get',
  'document_list',
  'document_put',
  'document_delete',
  'document_delete_collection',
  'schema_create',
  'migrations_table_create',
  'migration_lock',
  'migrations_applied',
  'migration_record',
  'ping',
  'tx_id_check',
] as const;

export type Operation = (typeof OPERATIONS)[number];

const texts = new Map<Operation, string>(OPERATIONS.map((op) => [op, readFileSync(new URL(`${op}.sql`, SQL_DIR), 'utf8')]));

export interface Migration {
  version: number;
  name: string;
  text: string;
}

/** Migrations in version order: files named NNNN_what_it_does.sql. */
export const MIGRATIONS: readonly Migration[] = readdirSync(MIGRATIONS_DIR)
  .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
  .sort()
  .map((f) => ({
    version: Number(f.slice(0, 4)),
    name: f.slice(5, -4),
    text: readFileSync(new URL(f, MIGRATIONS_DIR), 'utf8'),
  }));

export const bindSchema = (text: string, schema: string): string => text.replaceAll('__schema__', quoteSchema(schema));

/** The statements of one schema: named per schema, so stores on different schemas can share a pool. */
export class Statements {
  private readonly bound = new Map<Operation, { name: string; text: string }>();

  constructor(readonly schema: string) {
    const tag = schemaTag(schema);
    for (const [op, text] of texts) this.bound.set(op, { name: `lb_${tag}_${op}`, text: bindSchema(text, schema) });
  }

  /** A named prepared statement with bound parameters; values are never pasted into SQL. */
  q(op: Operation, values: unknown[] = []): PgQueryConfig {
    const s = this.bound.get(op) as { name: string; text: string };
    return { name: s.name, text: s.text, values };
  }

  /** Unnamed, for DDL that runs once. */
  once(op: Operation, values: unknown[] = []): PgQueryConfig {
    const s = this.bound.get(op) as { name: string; text: string };
    return { text: s.text, values };
  }
}

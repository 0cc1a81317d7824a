// Schema names are identifiers pasted into DDL and statement texts, so they are validated strictly and always quoted.
import { createHash } from 'node:crypto';
import { LogbookError } from '@logbook/core';

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: unknown): asserts schema is string {
  if (typeof schema !== 'string' || !SCHEMA_RE.test(schema) || schema.startsWith('pg_')) {
    throw new LogbookError(
      'invalid_request',
      `schema name must match ${SCHEMA_RE} (lower-case letters, digits, _; not pg_*), got ${JSON.stringify(schema)}`,
    );
  }
}

/** The quoted identifier; safe because the name was validated above (no quotes possible). */
export function quoteSchema(schema: string): string {
  assertSchemaName(schema);
  return `"${schema}"`;
}

/** A short stable tag for names derived from the schema (prepared statements, notification channel). */
export function schemaTag(schema: string): string {
  return createHash('sha256').update(schema).digest('hex').slice(0, 10);
}

/** The LISTEN/NOTIFY channel of a schema; identifiers are at most 63 bytes, so long names use the tag. */
export function channelName(schema: string): string {
  const readable = `logbook_${schema}`;
  return readable.length <= 63 ? readable : `logbook_${schemaTag(schema)}`;
}

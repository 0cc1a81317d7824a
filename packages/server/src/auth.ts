// Bearer tokens with read/write permissions on stream-id prefixes, loaded from a JSON file or the environment.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LogbookError } from '@logbook/core';

/** One token's grants. A prefix of "" (or "*") covers every stream. */
export interface TokenGrant {
  token: string;
  /** Shown in logs instead of the token. */
  name?: string;
  read?: string[];
  write?: string[];
}

export interface AuthConfig {
  tokens: TokenGrant[];
}

/** What one request may do: undefined prefixes lists mean "everything" (no auth configured). */
export interface Principal {
  name: string;
  read: string[] | undefined;
  write: string[] | undefined;
}

export const ANONYMOUS: Principal = { name: 'anonymous', read: undefined, write: undefined };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const norm = (prefixes: string[] | undefined) => (prefixes ?? []).map((p) => (p === '*' ? '' : p));

export class Authenticator {
  private readonly byHash = new Map<string, Principal>();

  constructor(config: AuthConfig | undefined) {
    for (const [i, t] of (config?.tokens ?? []).entries()) {
      if (typeof t.token !== 'string' || t.token.length < 8) {
        throw new LogbookError('invalid_request', `auth token #${i + 1} must be a string of at least 8 characters`);
      }
      this.byHash.set(hash(t.token), { name: t.name ?? `token-${i + 1}`, read: norm(t.read), write: norm(t.write) });
    }
  }

  get required(): boolean {
    return this.byHash.size > 0;
  }

  /** Resolves the Authorization header; throws `unauthorized` when auth is on and the token is missing or unknown. */
  authenticate(header: string | undefined): Principal {
    if (!this.required) return ANONYMOUS;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw new LogbookError('unauthorized', 'a bearer token is required (Authorization: Bearer <token>)');
    // Lookup by hash: the comparison never touches the secret itself, so its timing says nothing about it.
    const principal = this.byHash.get(hash(match[1]));
    if (!principal) throw new LogbookError('unauthorized', 'unknown bearer token');
    return principal;
  }
}

const covers = (prefixes: string[] | undefined, streamId: string) =>
  prefixes === undefined || prefixes.some((p) => streamId.startsWith(p));

export const canRead = (p: Principal, streamId: string) => covers(p.read, streamId);
export const canWrite = (p: Principal, streamId: string) => covers(p.write, streamId);

export function assertRead(p: Principal, streamId: string): void {
  if (!canRead(p, streamId)) throw new LogbookError('forbidden', `token ${p.name} may not read stream ${streamId}`, { streamId });
}

export function assertWrite(p: Principal, streamId: string): void {
  if (!canWrite(p, streamId))
    throw new LogbookError('forbidden', `token ${p.name} may not write stream ${streamId}`, { streamId });
}

/** True when every stream starting with `prefix` is readable, so results under it need no filtering. */
export function readsAllUnder(p: Principal, prefix: string | undefined): boolean {
  return p.read === undefined || p.read.some((r) => (prefix ?? '').startsWith(r));
}

/**
 * Loads tokens from, in order: an explicit file path, LOGBOOK_TOKENS_FILE, or LOGBOOK_TOKENS (JSON).
 * The JSON is `{ "tokens": [{ "token", "name"?, "read"?: [prefixes], "write"?: [prefixes] }] }` or just the array.
 */
export function loadAuthConfig(file?: string, env: NodeJS.ProcessEnv = process.env): AuthConfig | undefined {
  const path = file ?? env.LOGBOOK_TOKENS_FILE;
  let text: string | undefined;
  let source = 'LOGBOOK_TOKENS';
  if (path) {
    source = path;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new LogbookError('invalid_request', `cannot read the tokens file ${path}: ${(e as Error).message}`);
    }
  } else text = env.LOGBOOK_TOKENS;
  if (text === undefined || text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new LogbookError('invalid_request', `tokens in ${source} are not valid JSON: ${(e as Error).message}`);
  }
  const tokens = Array.isArray(parsed) ? parsed : (parsed as { tokens?: unknown })?.tokens;
  if (!Array.isArray(tokens)) throw new LogbookError('invalid_request', `${source} must hold { "tokens": [...] }`);
  return { tokens: tokens as TokenGrant[] };
}

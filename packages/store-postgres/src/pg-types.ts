// The small part of `pg` the store uses, typed structurally so the driver stays a peer dependency.
export interface PgQueryConfig {
  name?: string;
  text: string;
  values?: unknown[];
}

// biome-ignore lint/suspicious/noExplicitAny: rows are checked where they are read
export type PgRow = Record<string, any>;

export interface PgResult {
  rows: PgRow[];
  rowCount: number | null;
}

export interface PgQueryable {
  query(config: PgQueryConfig): Promise<PgResult>;
}

export interface PgPoolClient extends PgQueryable {
  release(err?: Error | boolean): void;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeListener(event: 'error', listener: (err: Error) => void): unknown;
}

export interface PgNotification {
  channel: string;
  payload?: string;
}

/** A standalone connection (pg.Client): used for the one LISTEN connection, outside the pool. */
export interface PgClient extends PgQueryable {
  connect(): Promise<unknown>;
  end(): Promise<unknown>;
  on(event: 'notification', listener: (message: PgNotification) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

export interface PgPool extends PgQueryable {
  connect(): Promise<PgPoolClient>;
  end(): Promise<unknown>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  /** pg.Pool keeps its connection settings and Client class; used to open the listening connection. */
  readonly options?: object;
  readonly Client?: new (config: object) => PgClient;
}

/** The shape of the `pg` module when the store opens its own pool from a connection string. */
export interface PgModule {
  Pool: new (config: object) => PgPool;
  Client: new (config: object) => PgClient;
}

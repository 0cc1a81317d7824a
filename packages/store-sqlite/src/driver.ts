// The slice of better-sqlite3 this store calls, typed structurally so src never imports the driver.

export interface SqliteRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqliteStatement {
  run(...params: unknown[]): SqliteRunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  safeIntegers(toggleState?: boolean): this;
}

/** A better-sqlite3 `Database` (or anything shaped like one). */
export interface SqliteDatabase {
  readonly name: string;
  readonly memory: boolean;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(source: string): SqliteStatement;
  exec(source: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): unknown;
}

/** The better-sqlite3 constructor: `new Database(path, options)`. */
export type SqliteDriver = new (
  filename: string,
  options?: { timeout?: number; readonly?: boolean; fileMustExist?: boolean },
) => SqliteDatabase;

/** Loads better-sqlite3 only when the store has to open a file itself, so it stays an optional peer dependency. */
export async function loadDriver(): Promise<SqliteDriver> {
  const moduleName = 'better-sqlite3';
  try {
    const mod = (await import(moduleName)) as { default: SqliteDriver };
    return mod.default;
  } catch (cause) {
    throw new Error('@logbook/store-sqlite needs the better-sqlite3 package: npm install better-sqlite3', { cause });
  }
}

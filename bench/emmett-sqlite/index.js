// Re-exports Emmett's SQLite adapter so the bench loads it (and its own sqlite3) from this separate npm root.
export * from '@event-driven-io/emmett-sqlite';

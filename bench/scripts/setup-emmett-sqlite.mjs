#!/usr/bin/env node
// Installs bench/emmett-sqlite (its own npm root) once: Emmett's SQLite adapter cannot share the workspace tree.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'emmett-sqlite');
if (existsSync(join(dir, 'node_modules', '@event-driven-io', 'emmett-sqlite', 'package.json'))) process.exit(0);
process.stderr.write('installing Emmett SQLite into bench/emmett-sqlite (one time; sqlite3 builds from source)\n');
// Drop the npm_* settings of the `npm run` that started us (workspace, prefix...): this folder is its own root.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
try {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit', env });
} catch {
  process.stderr.write('could not install bench/emmett-sqlite: the Emmett SQLite rows will be skipped\n');
}

#!/usr/bin/env node
// Architecture check run by `npm test`: imports point the allowed way, and every store package runs the conformance suite.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.env.CHECK_DEPS_ROOT ?? new URL('..', import.meta.url).pathname;

/** Which workspace packages each package may import (by directory name). */
const allowed = {
  core: [],
  'store-testkit': ['core'],
  'store-sqlite': ['core'],
  'store-postgres': ['core'],
  'store-mysql': ['core'],
  client: [],
  server: ['core'],
  cli: ['core', 'client', 'server', 'store-sqlite', 'store-postgres', 'store-mysql', 'example-bank'],
  ui: ['client'],
  'example-bank': ['core', 'store-sqlite'],
  bench: ['core', 'store-sqlite', 'store-postgres', 'store-mysql', 'server', 'client'],
};
/** Test files may also use the testkit and stores they test against, but still never server/cli/ui/examples unless listed. */
const testExtras = {
  core: ['store-testkit'],
  'store-sqlite': ['store-testkit'],
  'store-postgres': ['store-testkit'],
  'store-mysql': ['store-testkit'],
  server: ['store-sqlite', 'store-postgres', 'client', 'example-bank'],
  ui: ['server', 'core', 'store-sqlite', 'example-bank'],
  'example-bank': ['store-postgres', 'store-testkit'],
  cli: ['store-testkit'],
  'store-testkit': [],
  client: ['server', 'core'],
};

const pkgDirs = [
  ...readdirSync(join(root, 'packages')).map((d) => ['packages', d]),
  ...(existsSync(join(root, 'examples')) ? readdirSync(join(root, 'examples')).map((d) => ['examples', d]) : []),
  ['.', 'bench'],
].filter(([p, d]) => existsSync(join(root, p, d, 'package.json')));

const nameToKey = new Map();
for (const [p, d] of pkgDirs) {
  const pkg = JSON.parse(readFileSync(join(root, p, d, 'package.json'), 'utf8'));
  nameToKey.set(pkg.name, p === 'examples' ? `example-${d}` : d);
}

function* files(dir) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry)) yield full;
  }
}

const problems = [];
const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
for (const [p, d] of pkgDirs) {
  const key = p === 'examples' ? `example-${d}` : d;
  const dir = join(root, p, d);
  for (const file of files(dir)) {
    const isTest = /\.test\.|\/test\/|\/scripts\/|vitest\.config/.test(file);
    const base = allowed[key] ?? (key.startsWith('store-') ? ['core'] : []);
    const extra = testExtras[key] ?? (key.startsWith('store-') ? ['store-testkit'] : []);
    const may = new Set([...base, ...(isTest ? extra : [])]);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2];
      if (!spec?.startsWith('@logbook/')) continue;
      const name = spec.split('/').slice(0, 2).join('/');
      const target = nameToKey.get(name);
      if (!target || target === key) continue;
      if (!may.has(target)) problems.push(`${relative(root, file)} imports ${spec} (${key} -> ${target} is not allowed)`);
    }
  }
}

for (const [p, d] of pkgDirs) {
  if (!d.startsWith('store-') || d === 'store-testkit') continue;
  const dir = join(root, p, d);
  const runs = [...files(dir)].some((f) => /\.test\.ts$/.test(f) && readFileSync(f, 'utf8').includes('defineStoreConformance('));
  if (!runs) problems.push(`${p}/${d} does not run the conformance suite (no test file calls defineStoreConformance)`);
}

if (problems.length > 0) {
  console.error(`check-deps: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-deps: ${pkgDirs.length} packages, imports point the allowed way, every store runs the conformance suite`);

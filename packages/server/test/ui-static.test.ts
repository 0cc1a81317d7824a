// Serving the built web UI: static files, SPA fallback to index.html, real 404s for missing assets, API untouched.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStore } from '@logbook/core';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, startTestServer, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('web UI', () => {
  it('serves files, falls back to index.html for client routes, and leaves the API alone', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Logbook UI</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("ui")');
    const s = await startTestServer(new MemoryStore(), { uiDir: dir });
    try {
      const root = await fetch(`${s.url}/`);
      expect(await root.text()).toContain('Logbook UI');
      const route = await fetch(`${s.url}/streams/account-1`);
      expect(route.status).toBe(200);
      expect(await route.text()).toContain('Logbook UI');
      const js = await fetch(`${s.url}/assets/app.js`);
      expect(js.headers.get('content-type')).toContain('javascript');
      expect(await js.text()).toBe('console.log("ui")');
      expect((await fetch(`${s.url}/assets/missing.js`)).status).toBe(404);
      expect((await fetch(`${s.url}/../../etc/passwd`)).status).not.toBe(500);
      expect((await s.call('GET', '/v1/health')).body.status).toBe('ok');
      expect((await s.call('GET', '/v1/missing')).body.error.code).toBe('not_found');
    } finally {
      await s.close();
    }
  });
});

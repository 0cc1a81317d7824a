// Starts a Logbook server with demo data and the built UI, for working on the UI (`npx tsx scripts/demo-server.ts`).
import { seedDemo } from '../test/demo-data.js';
import { ensureBuilt, startUiServer } from '../test/fixture.js';

await ensureBuilt();
const server = await startUiServer({ port: Number(process.env.PORT ?? 0) } as never);
const ids = await seedDemo(server.client);
console.log(`UI at ${server.url}/  (transfer event ${ids.withdrawn})`);

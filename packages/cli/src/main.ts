// The `logbook` command line: serve the API and UI, or append/read/tail/export/import/stats against a server or a database.
import { isLogbookHttpError } from '@logbook/client';
import { isLogbookError } from '@logbook/core';
import { Command, CommanderError, Option } from 'commander';
import { appendCommand, exportCommand, importCommand, readCommand, statsCommand, tailCommand } from './commands.js';
import { DEFAULT_DB } from './db.js';

const program = new Command('logbook')
  .description('Logbook: an event store. Serve it over HTTP, or work with a server or a database from the shell.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

/** The options every data command shares: where to act, and the output format. */
function target(cmd: Command): Command {
  return cmd
    .addOption(new Option('--server <url>', 'act through a running server (env LOGBOOK_SERVER)'))
    .addOption(new Option('--token <token>', 'bearer token for --server (env LOGBOOK_TOKEN)'))
    .addOption(
      new Option(
        '--db <url>',
        `act on a database directly: sqlite:PATH, postgres://..., memory: (env LOGBOOK_DB; default ${DEFAULT_DB})`,
      ),
    )
    .option('--json', 'machine-readable output (one JSON document per line)');
}

program
  .command('serve')
  .description('start the HTTP API (and the web UI when built); seeds the bank demo data into an empty store')
  .option('--db <url>', 'sqlite:PATH or postgres://... (env LOGBOOK_DB)', undefined)
  .option('--host <host>', 'address to bind; non-loopback needs tokens or --insecure', '127.0.0.1')
  .option('--port <port>', 'port to listen on (0 = any free port)', '4000')
  .option('--tokens <file>', 'JSON file of bearer tokens (env LOGBOOK_TOKENS_FILE or LOGBOOK_TOKENS)')
  .option('--insecure', 'allow a non-loopback address without tokens (everyone may read and write)')
  .option('--no-seed', 'do not seed the demo data into an empty store')
  .option('--ui <dir>', 'directory of the built web UI (default packages/ui/dist)')
  .option('--log-level <level>', 'pino log level', 'info')
  .addHelpText('after', '\nExamples:\n  logbook serve\n  logbook serve --db postgres://localhost/logbook --port 8080')
  // Loaded on demand: the server stack is the heaviest import and the data commands do not need it.
  .action(async (flags) => (await import('./serve.js')).serve(flags));

target(
  program
    .command('append <stream>')
    .description('append one event to a stream')
    .requiredOption('--type <type>', 'event type')
    .requiredOption('--data <json>', 'event data as JSON')
    .option('--metadata <json>', 'event metadata as a JSON object')
    .option('--id <uuid>', 'event id: makes a retry idempotent')
    .option('--expected-revision <rev>', 'any | no_stream | stream_exists | N')
    .addHelpText(
      'after',
      `\nExample:\n  logbook append account-42 --type Deposited --data '{"amount":100}' --expected-revision 3`,
    ),
).action(appendCommand);

target(
  program
    .command('read <stream>')
    .description('print the events of a stream')
    .option('--backward', 'newest first')
    .option('--limit <n>', 'at most N events')
    .option('--from <revision>', 'start at this revision (inclusive)'),
).action(readCommand);

target(
  program
    .command('tail')
    .description('follow the global log live (Ctrl-C to stop)')
    .option('--from <pos>', 'start | end | a position (exclusive)', 'end')
    .option('--category <list>', 'only these categories (comma-separated)')
    .option('--type <list>', 'only these event types (comma-separated)')
    .option('--prefix <prefix>', 'only streams starting with this')
    .option('--stream <id>', 'only this stream')
    .option('--limit <n>', 'stop after N events'),
).action(tailCommand);

target(
  program
    .command('export')
    .description('write the global log as NDJSON to stdout (one recorded event per line)')
    .option('--from <pos>', 'only events after this position')
    .option('--category <list>', 'only these categories')
    .option('--type <list>', 'only these event types')
    .option('--prefix <prefix>', 'only streams starting with this')
    .addHelpText('after', '\nExample:\n  logbook export > backup.ndjson'),
).action(exportCommand);

target(
  program
    .command('import <file>')
    .description('append the events of an NDJSON export, in order; idempotent by event id (safe to re-run)')
    .option('--no-progress', 'no progress bar')
    .option(
      '--reorder',
      'faster on finely interleaved logs: batches by stream (each stream keeps its order, the exact interleaving between streams is not kept)',
    ),
).action(importCommand);

target(program.command('stats').description('event and stream counts, head position, store kind')).action(statsCommand);

function describe(e: unknown): string {
  if (isLogbookHttpError(e) || isLogbookError(e)) {
    const details = 'details' in e ? e.details : {};
    const extra = Object.entries(details)
      .filter(([k]) => k !== 'issues')
      .map(
        ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))}`,
      )
      .join(' ');
    return `${e.code}: ${e.message}${extra ? ` (${extra})` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`logbook: error: ${describe(e)}\n`);
    process.exitCode = 1;
  }
}

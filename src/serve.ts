import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { BrugError } from './errors.ts';

const startedAt = performance.now();

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

// Short lines on stderr while starting, so whoever ran `npm start` sees what it waits for; the JSON log stays on stdout.
const progress = (line: string): void => void process.stderr.write(`Brug: ${line}\n`);
progress(config.databaseUrl ? 'starting on PostgreSQL (DATABASE_URL) ...' : `starting its embedded PostgreSQL in ${config.dataDir} ...`);
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp(config, { onProgress: (step, ms) => progress(`${step} (${seconds(ms)})`) });
} catch (err) {
  // A store that cannot start is an operator's problem to fix, told in one line, not a stack trace.
  if (err instanceof BrugError) {
    process.stderr.write(`Brug cannot start: ${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
await app.listen({ host: config.host, port: config.port });
progress(`ready at ${config.baseUrl} (${seconds(performance.now())} after the process started, ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB)`);
app.log.info(
  { baseUrl: config.baseUrl, store: config.databaseUrl ? 'postgres' : 'embedded', startupMs: Math.round(performance.now() - startedAt) },
  'Brug is ready',
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: finishing open requests');
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  await app.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

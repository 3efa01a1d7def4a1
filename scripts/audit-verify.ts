// Verifies the audit log's hash chain on the configured database (DATABASE_URL, or DATA_DIR for the embedded one)
// and says where it breaks: `npm run -s audit:verify`. Exits with 1 when it is broken, 2 when it could not check.
//
// With the embedded database it joins the cluster of a running server on the same DATA_DIR, or starts it while it runs.
import { ConfigError, loadConfig } from '../src/config.ts';
import { verifyLog } from '../src/security/audit/log/verify-log.ts';
import { openStore } from '../src/store/index.ts';

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  const store = await openStore(loadConfig());
  try {
    const report = await verifyLog(store.db);
    print(`audit log: ${report.blocks} blocks, ${report.rows} rows sealed, ${report.unsealed} rows not sealed yet`);
    if (report.head) print(`chain head: ${report.head}`);
    for (const b of report.breaks) {
      const where = [`block ${b.block}`, b.seq && `row ${b.seq}`, b.event, b.recorded && `recorded ${b.recorded}`].filter(Boolean).join(', ');
      print(`BROKEN at ${where}: ${b.problem}`);
    }
    if (report.breaks.length === 0) print('the chain is intact');
    return report.breaks.length === 0 ? 0 : 1;
  } finally {
    await store.db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`audit:verify: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);

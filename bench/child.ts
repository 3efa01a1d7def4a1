/** Starting and stopping the processes under test, and waiting until they answer. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The Node arguments of `npm start` (`node <flags> src/main.ts`), so the benchmarks run the service as it is run. */
export function serviceArgs(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [command, ...args] = pkg.scripts.start.split(/\s+/);
  if (command !== 'node' || args.at(-1) !== 'src/main.ts') throw new Error(`npm start is not "node … src/main.ts": ${pkg.scripts.start}`);
  return args;
}

export interface Child {
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

async function waitForUrl(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Runs `node <args>` with this process's Node (the project's Node 24) and `env` on top of the current environment,
 * and resolves once `readyUrl` answers 2xx. Output goes to this process's stderr.
 */
export async function startChild(args: readonly string[], env: Record<string, string>, readyUrl: string, cwd: string): Promise<Child> {
  // Something already answering there would be measured instead of the child.
  const taken = await fetch(readyUrl).then(
    async (res) => {
      await res.arrayBuffer();
      return true;
    },
    () => false,
  );
  if (taken) throw new Error(`${new URL(readyUrl).host} is already in use; choose another BENCH_PORT`);
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForUrl(readyUrl, child, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { process: child, stop };
}

/** Starting and stopping the processes under test, and waiting until they answer. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

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

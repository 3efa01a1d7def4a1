import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClusterLog } from './embedded-cluster.ts';

/**
 * A Brug that was killed (kill -9, a power cut of the terminal) leaves its PostgreSQL running, holding the data
 * folder. The next start stops that orphan first; PostgreSQL then recovers from its own log as after any crash.
 * Only a process that is this folder's postmaster is signalled, never a process that merely reuses its pid.
 */
export async function stopOrphan(root: string, clusterDir: string, log?: ClusterLog): Promise<void> {
  const lock = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(lock?.split('\n')[0]?.trim());
  if (!pid || !isAlive(pid) || !(await isPostmasterOf(pid, clusterDir))) return;
  log?.('warn', 'stopping the embedded PostgreSQL left running by an earlier Brug', { pid, dataDir: root });
  for (const [signal, waitMs] of [['SIGINT', 10_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const until = Date.now() + waitMs;
    while (Date.now() < until) {
      if (!isAlive(pid)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function isPostmasterOf(pid: number, clusterDir: string): Promise<boolean> {
  if (process.platform !== 'linux') return true;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.split('\0').includes(clusterDir);
}

/** Whether a process with this pid exists (EPERM: it does, but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Where the CPU goes per operation: the application process under test and the PostgreSQL backends serving it.
 * Linux only (/proc); elsewhere the figures are left out. On a small shared machine these say more than
 * throughput alone, which moves with whatever else runs.
 */
import { readFileSync } from 'node:fs';
import type { Figures } from './measure.ts';

/** /proc reports CPU time in clock ticks; USER_HZ is 100 on every Linux build. */
const MS_PER_TICK = 10;

/** User plus system CPU time of a process so far, in ms; undefined when it cannot be read. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields after it are fixed: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
  }
}

function selfCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export interface CpuSources {
  /** The application process: a child's pid, or 'self' for the benchmark process itself. */
  app?: number | 'self';
  /** The pids of the PostgreSQL backends serving the application (asked again after the run: pools connect lazily). */
  dbBackends?: () => Promise<number[]>;
}

async function snapshot(pids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) out.set(pid, ms);
  }
  return out;
}

/** Runs a measurement and adds the CPU time per successful operation of the app and of its database backends. */
export async function withCpu(sources: CpuSources, run: () => Promise<Figures>): Promise<Figures> {
  const appCpu = (): number | undefined => (sources.app === 'self' ? selfCpuMs() : sources.app === undefined ? undefined : processCpuMs(sources.app));
  const app0 = appCpu();
  const db0 = sources.dbBackends ? await snapshot(await sources.dbBackends()) : undefined;
  const figures = await run();
  const app1 = appCpu();
  if (app0 !== undefined && app1 !== undefined && figures.ok > 0) figures.appCpuMsPerOp = (app1 - app0) / figures.ok;
  if (db0 && sources.dbBackends && figures.ok > 0) {
    const db1 = await snapshot(await sources.dbBackends());
    let total = 0;
    for (const [pid, ms] of db1) total += ms - (db0.get(pid) ?? 0);
    if (db1.size > 0) figures.dbCpuMsPerOp = total / figures.ok;
  }
  return figures;
}

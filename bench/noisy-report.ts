/** The noisy-neighbour benchmark's Markdown report: figures per store and phase, recovery, and the issue's targets. */
import { percentile } from './measure.ts';
import type { HeavyTally } from './noisy-heavy-client.ts';
import { succeeded, type Outcome } from './noisy-normal-client.ts';
import { FAST_READ_MS, type Recovery } from './noisy-recovery.ts';

export interface Phase {
  readonly name: string;
  readonly outcomes: readonly Outcome[];
  readonly heavy?: HeavyTally;
}

export interface StoreRun {
  readonly store: string;
  readonly phases: Phase[];
  recovery?: Recovery;
  /** Why the run stopped early, if it did. */
  failure?: string;
}

/** Issue 15's targets for the well-behaved client. */
export const TARGET_P95_MS = 100;
export const TARGET_READY_MS = 1000;

const fixed = (ms: number | undefined): string => (ms === undefined || Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

/** Latencies as the client saw them, errors and timeouts included: a fast refusal must not flatter the figure. */
function p(outcomes: readonly Outcome[], q: number): number {
  return percentile(outcomes.map((o) => o.ms).sort((a, b) => a - b), q);
}

function errors(outcomes: readonly Outcome[]): Outcome[] {
  return outcomes.filter((o) => !succeeded(o));
}

function errorSummary(outcomes: readonly Outcome[]): string {
  const failed = errors(outcomes);
  if (failed.length === 0) return '0';
  const byStatus = new Map<string, number>();
  for (const o of failed) byStatus.set(String(o.status), (byStatus.get(String(o.status)) ?? 0) + 1);
  return `${failed.length} (${[...byStatus].map(([s, n]) => `${s}: ${n}`).join(', ')})`;
}

export function serverErrors(tally: HeavyTally | undefined): number {
  let n = 0;
  for (const byStatus of tally?.statuses.values() ?? []) for (const [status, count] of byStatus) if (/^5\d\d$/.test(status)) n += count;
  return n;
}

function heavySummary(tally: HeavyTally | undefined): string {
  if (!tally) return '';
  const kinds = [...tally.statuses].map(([kind, byStatus]) => `${kind}: ${[...byStatus].map(([s, n]) => (/^5\d\d$/.test(s) ? `**${s} × ${n}**` : `${s} × ${n}`)).join(', ')}`);
  return kinds.join('; ') + (serverErrors(tally) > 0 ? ' **5xx!**' : '');
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'MISS';
}

/** Target rows of one store: [target, measured, PASS/MISS]. */
export function targetRows(run: StoreRun): [string, string, string][] {
  const load = run.phases.find((ph) => ph.name === 'under load');
  const all = run.phases.flatMap((ph) => ph.outcomes);
  const rows: [string, string, string][] = [];
  if (load) {
    const p95 = p(load.outcomes, 95);
    rows.push([`normal client p95 under load < ${TARGET_P95_MS} ms`, `${fixed(p95)} ms`, verdict(p95 < TARGET_P95_MS)]);
  }
  rows.push(['normal client: no errors (non-2xx, timeouts)', `${errors(all).length} of ${all.length}`, verdict(all.length > 0 && errors(all).length === 0)]);
  const ready = run.recovery?.readyMs;
  rows.push([`/readyz 200 within ${TARGET_READY_MS / 1000} s of the heavy client stopping`, ready === undefined ? (run.recovery ? `none in ${run.recovery.limitMs / 1000} s` : 'not measured') : `${fixed(ready)} ms`, verdict(ready !== undefined && ready < TARGET_READY_MS)]);
  const fiveXx = serverErrors(load?.heavy);
  rows.push(['heavy client: no 5xx (a 503 with Retry-After, "come back later", is not one)', String(fiveXx), verdict(load?.heavy !== undefined && fiveXx === 0)]);
  return rows;
}

export function report(runs: readonly StoreRun[], heading: string): string {
  const lines = [
    heading,
    '',
    '| store | phase | normal requests | p50 ms | p95 ms | p99 ms | errors | heavy answered | heavy statuses |',
    '|---|---|--:|--:|--:|--:|---|--:|---|',
  ];
  for (const run of runs) {
    for (const phase of run.phases) {
      lines.push(
        `| ${run.store} | ${phase.name} | ${phase.outcomes.length} | ${fixed(p(phase.outcomes, 50))} | ${fixed(p(phase.outcomes, 95))} | ${fixed(p(phase.outcomes, 99))} | ` +
          `${errorSummary(phase.outcomes)} | ${phase.heavy ? phase.heavy.done : ''} | ${heavySummary(phase.heavy)} |`,
      );
    }
    if (run.failure) lines.push(`| ${run.store} | stopped | | | | | ${run.failure.replace(/\|/g, '\\|').slice(0, 200)} | | |`);
  }
  lines.push('', '| store | recovery after the heavy client stops | ms |', '|---|---|--:|');
  for (const run of runs) {
    const r = run.recovery;
    const shown = (ms: number | undefined): string => (r === undefined ? 'not measured' : ms === undefined ? `none in ${r.limitMs / 1000} s` : fixed(ms));
    lines.push(`| ${run.store} | until GET /readyz answers 200 | ${shown(r?.readyMs)} |`);
    lines.push(`| ${run.store} | until a normal read answers in under ${FAST_READ_MS} ms | ${shown(r?.fastReadMs)} |`);
  }
  lines.push('', '| store | target (issue 15) | measured | |', '|---|---|---|---|');
  for (const run of runs) for (const [target, measured, result] of targetRows(run)) lines.push(`| ${run.store} | ${target} | ${measured} | ${result} |`);
  return lines.join('\n');
}

/**
 * Reading a V8 CPU profile (`node --cpu-prof`) over a window of time: what the process did while one load ran, not
 * while it started. V8 stamps samples with the monotonic clock that `process.hrtime` reads in every process on the
 * machine, so the benchmark's own clock marks the window.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileItem {
  readonly name: string;
  readonly selfMs: number;
  readonly share: number;
}

export interface ProfileSummary {
  /** CPU ms of the window, idle left out. */
  readonly busyMs: number;
  /** Functions by their own time. */
  readonly functions: ProfileItem[];
  /** The same time by where the code lives: a folder of src/, a package, Node itself, V8 (GC, compiler). */
  readonly areas: ProfileItem[];
  /** Functions by the time spent in them and what they call (a frame counted once per sample). */
  readonly inclusive: ProfileItem[];
}

/** Microseconds on the clock V8 stamps samples with. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1]!;
  if (file.startsWith('node:')) return 'node';
  const src = /\/src\/([^/]+)(?:\/([^/]+)\/)?/.exec(file);
  if (src) return src[2] && !src[2].includes('.') ? `src/${src[1]}/${src[2]}` : `src/${src[1]}`;
  return path.basename(file);
}

function labelOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (!url) return functionName || '(anonymous)';
  const file = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function ranked(totals: Map<string, number>, busyMs: number, top: number): ProfileItem[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: busyMs > 0 ? us / 1000 / busyMs : 0 }));
}

/** The profile's busy time between two `monotonicMicros()` readings, by function and by area. */
export function summariseWindow(file: string, fromMicros: number, toMicros: number, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let t = profile.startTime;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i]!;
    if (t < fromMicros || t > toMicros) return;
    const node = byId.get(id)!;
    const next = profile.timeDeltas[i + 1] ?? 0;
    if (node.callFrame.functionName === '(idle)' || next <= 0) return;
    busy += next;
    const label = labelOf(node);
    self.set(label, (self.get(label) ?? 0) + next);
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + next);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!;
      if (!frame.callFrame.url) continue;
      const name = labelOf(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + next);
    }
  });
  const busyMs = busy / 1000;
  return { busyMs, functions: ranked(self, busyMs, top), areas: ranked(areas, busyMs, top), inclusive: ranked(inclusive, busyMs, top) };
}

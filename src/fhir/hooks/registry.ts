import type { Filter } from '../../store/index.ts';
import { HOOK_POINTS, type HookPoint, type HookPoints } from './points.ts';

interface Registered<P extends HookPoint> {
  name: string;
  order: number;
  fn: HookPoints[P];
}

export interface HookOptions {
  /** Shown in logs and errors; unique per point. */
  name: string;
  /** Lower runs first; default 100. */
  order?: number;
}

/** Named, ordered hooks per point. Registration closes when the app is ready. */
export class HookRegistry {
  private readonly hooks = new Map<HookPoint, Registered<HookPoint>[]>();
  private closed = false;

  on<P extends HookPoint>(point: P, fn: HookPoints[P], options: HookOptions): void {
    if (this.closed) throw new Error(`Hook "${options.name}" registered on "${point}" after start`);
    if (!HOOK_POINTS.includes(point)) throw new Error(`Unknown hook point "${String(point)}"`);
    const list = this.hooks.get(point) ?? [];
    if (list.some((h) => h.name === options.name)) throw new Error(`Hook "${options.name}" is already registered on "${point}"`);
    list.push({ name: options.name, order: options.order ?? 100, fn } as Registered<HookPoint>);
    list.sort((a, b) => a.order - b.order);
    this.hooks.set(point, list);
  }

  has(point: HookPoint): boolean {
    return (this.hooks.get(point)?.length ?? 0) > 0;
  }

  /** Runs every hook of `point` in order, each awaited; the first throw stops the rest. */
  async run<P extends Exclude<HookPoint, 'search.scope'>>(point: P, ctx: Parameters<HookPoints[P]>[0]): Promise<void> {
    const list = this.hooks.get(point);
    if (!list) return;
    for (const hook of list) await (hook.fn as (c: typeof ctx) => Promise<void>)(ctx);
  }

  /** Runs every hook of `point` and collects what they return (for points that contribute values). */
  async collect(point: 'search.scope', ctx: Parameters<HookPoints['search.scope']>[0]): Promise<Filter[]> {
    const list = this.hooks.get(point);
    if (!list) return [];
    const results: Filter[] = [];
    for (const hook of list) {
      const value = await (hook.fn as HookPoints['search.scope'])(ctx);
      if (value !== undefined) results.push(value);
    }
    return results;
  }

  /** Every point with its hooks in the order they run, as `order name`: the write pipeline in one place. */
  describe(): Record<HookPoint, string[]> {
    return Object.fromEntries(HOOK_POINTS.map((point) => [point, (this.hooks.get(point) ?? []).map((h) => `${h.order} ${h.name}`)])) as Record<HookPoint, string[]>;
  }

  close(): void {
    this.closed = true;
  }
}

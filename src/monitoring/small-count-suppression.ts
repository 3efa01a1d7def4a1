/**
 * Which figures of a report are masked (README, "Small counts are suppressed"). Primary suppression: a count from 1
 * to below the threshold could point at a resident, so it is masked, with every score computed from it and the share
 * whose complement it is. Secondary suppression: a masked count must not be derivable from the figures that are
 * shown, neither within one period (strata that add up to the group) nor across periods (the quarters add up to the
 * year). Both are one rule applied to every line of cells that adds up to a shown total.
 */
import type { RawGroup } from './figure-queries.ts';
import type { MeasureDefinition, Stratifier } from './measures.ts';

/** What a report hides of one group: its score, each of its populations (by index) and its strata (by code). */
export interface GroupMasks {
  readonly score: boolean;
  readonly populations: readonly boolean[];
  readonly strata: ReadonlySet<string>;
}

/** Stratifiers whose strata split the group: every referral falls in exactly one, so they add up to its count. */
const PARTITIONS: ReadonlySet<Stratifier> = new Set(['verwijzer-rol']);

/** One count of one group (a population, the complement of a share, or a stratum) in every period of the grid. */
interface Series {
  readonly values: number[];
  readonly masked: boolean[];
  /** A year's value is the sum of its quarters' values (false for distinct organisations and population data). */
  readonly additive: boolean;
  /** The series that hides and shows with this one (a share's numerator and its complement reveal each other). */
  tie?: Series;
}

interface Cell {
  readonly series: Series;
  readonly period: number;
}

const isMasked = (c: Cell): boolean => c.series.masked[c.period]!;
const valueOf = (c: Cell): number => c.series.values[c.period]!;

function mask(c: Cell): void {
  c.series.masked[c.period] = true;
  if (c.series.tie) c.series.tie.masked[c.period] = true;
}

/**
 * The rule for one line whose total is shown: a masked cell never stands alone (the total minus the others would give
 * it), and the masked cells add up to at least the threshold and to more than their number (each holds at least 1, so
 * a sum equal to their number would give every one away). Masked cells that all hold 0 need nothing: a share's
 * complement may be masked at 0, and zero identifies nobody. While the rule does not hold, the smallest non-zero cell
 * still shown is masked too; when none is left, the total is. Returns
 * whether anything changed.
 */
function protectLine(cells: readonly Cell[], total: Cell, minCount: number): boolean {
  if (isMasked(total)) return false;
  let changed = false;
  for (;;) {
    const hidden = cells.filter(isMasked);
    const sum = hidden.reduce((s, c) => s + valueOf(c), 0);
    if (sum === 0 || (hidden.length > 1 && sum >= minCount && sum > hidden.length)) return changed;
    const next = cells.filter((c) => !isMasked(c) && valueOf(c) > 0).sort((a, b) => valueOf(a) - valueOf(b))[0];
    mask(next ?? total);
    changed = true;
    if (!next) return changed;
  }
}

interface GroupSeries {
  readonly populations: Series[];
  readonly complements: Series[];
  readonly strata: Map<string, Series>;
  readonly partitioned: boolean;
}

function seriesOf(grid: readonly (readonly RawGroup[])[], code: string, stratifier: Stratifier | undefined, hides: (n: number) => boolean): GroupSeries {
  const groups = grid.map((period) => period.find((g) => g.code === code));
  const periods = groups.length;
  const first = groups.find(Boolean)!;
  const populations = first.counts.map((count, i): Series => {
    const values = groups.map((g) => g?.counts[i]?.count ?? 0);
    const complements = groups.map((g) => g?.counts[i]?.complement);
    return { values, masked: values.map((v, p) => hides(v) || (complements[p] !== undefined && hides(complements[p]!))), additive: count.additive !== false };
  });
  const complements: Series[] = [];
  first.counts.forEach((count, i) => {
    if (count.complement === undefined) return;
    const population = populations[i]!;
    const complement: Series = { values: groups.map((g) => g?.counts[i]?.complement ?? 0), masked: [...population.masked], additive: population.additive, tie: population };
    population.tie = complement;
    complements.push(complement);
  });
  const strata = new Map<string, Series>();
  const codes = [...new Set(groups.flatMap((g) => (g?.strata ?? []).map((s) => s.code)))];
  for (const stratum of codes) {
    const values = groups.map((g) => g?.strata?.find((s) => s.code === stratum)?.count ?? 0);
    strata.set(stratum, { values, masked: values.map(hides), additive: true });
  }
  return { populations, complements, strata, partitioned: stratifier !== undefined && PARTITIONS.has(stratifier) && periods > 0 };
}

/** The lines of one group: each additive series over the quarters (total: the year), and partitioned strata per period. */
function linesOf(group: GroupSeries, periods: number): { cells: Cell[]; total: Cell }[] {
  const lines: { cells: Cell[]; total: Cell }[] = [];
  if (periods === 5) {
    for (const series of [...group.populations, ...group.complements, ...group.strata.values()]) {
      if (series.additive) lines.push({ cells: [0, 1, 2, 3].map((period) => ({ series, period })), total: { series, period: 4 } });
    }
  }
  if (group.partitioned && group.populations[0]) {
    for (let period = 0; period < periods; period++) {
      lines.push({ cells: [...group.strata.values()].map((series) => ({ series, period })), total: { series: group.populations[0], period } });
    }
  }
  return lines;
}

/**
 * The masks of the groups of period `at` in `grid`: either one period (grid of one) or the four quarters and the
 * year of one calendar year, in that order, each the measure's raw groups. Every period of the grid gets the same
 * masks whichever of them is asked for, so two reports never show what one of them hides.
 */
export function smallCountMasks(measure: MeasureDefinition, grid: readonly (readonly RawGroup[])[], at: number, minCount: number): GroupMasks[] {
  const hides = (n: number): boolean => n > 0 && n < minCount;
  const codes = grid[at]!.map((g) => g.code);
  const series = new Map(codes.map((code) => [code, seriesOf(grid, code, measure.groups.find((d) => d.code === code)?.stratifier, hides)]));
  const lines = [...series.values()].flatMap((group) => linesOf(group, grid.length));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) changed = protectLine(line.cells, line.total, minCount) || changed;
  }
  return grid[at]!.map((raw) => {
    const group = series.get(raw.code)!;
    const secondary = [...group.populations, ...group.complements].some((s) => s.additive && s.masked[at]);
    return {
      score: raw.restsOn.some(hides) || secondary,
      populations: group.populations.map((s) => s.masked[at]!),
      strata: new Set([...group.strata].filter(([, s]) => s.masked[at]).map(([code]) => code)),
    };
  });
}

/**
 * The year's groups as far as the masks need them, from its four quarters: every count and stratum summed. Exact for
 * the counts that add up over the quarters, which are the only year cells the masks of a quarter read; it spares a
 * quarter's report the year's query, the heaviest of the grid.
 */
export function yearOfQuarters(quarters: readonly (readonly RawGroup[])[]): RawGroup[] {
  const sum = (values: readonly (number | undefined)[]): number => values.reduce<number>((a, v) => a + (v ?? 0), 0);
  return quarters[0]!.map((first, g) => {
    const groups = quarters.map((q) => q[g]!);
    const strata = first.strata ? [...new Set(groups.flatMap((q) => (q.strata ?? []).map((s) => s.code)))].map((code) => ({ code, count: sum(groups.map((q) => q.strata?.find((s) => s.code === code)?.count)) })) : undefined;
    return {
      code: first.code,
      counts: first.counts.map((c, i) => ({ ...c, count: sum(groups.map((q) => q.counts[i]?.count)), ...(c.complement === undefined ? {} : { complement: sum(groups.map((q) => q.counts[i]?.complement)) }) })),
      restsOn: [],
      ...(strata ? { strata } : {}),
    };
  });
}

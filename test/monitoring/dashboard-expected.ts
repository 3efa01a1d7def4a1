// What the dashboard must show for demo-gemeente (GM0344) on the GALA fixture: the hand-computed GALA_EXPECTED,
// flattened to one cell per figure, period and stratum, as the page marks them (data-figure, data-period,
// data-stratum).
import { GALA_EXPECTED, GALA_PERIODS, type ExpectedGroup } from './gala-fixture.ts';

export { seedGalaFixture as seedDashboardFixture } from './gala-fixture.ts';

export const FIXTURE_YEAR = 2026;
export const FIXTURE_GEMEENTE = 'GM0344';

export interface ExpectedCell {
  figure: string;
  period: string;
  stratum?: string;
  /** A number; 'masked' (shown as "< 5"); null where the figure is unknown (shown as "–"). */
  shown: number | 'masked' | null;
}

const PERIODS = Object.keys(GALA_PERIODS) as (keyof typeof GALA_PERIODS)[];

/**
 * Every cell: a figure's score per period, and for a breakdown each stratum that has referrals in any period of the
 * year, per period (null where it has none then: the report leaves that stratum out).
 */
export function expectedDashboardCells(): ExpectedCell[] {
  const byPeriod = GALA_EXPECTED[FIXTURE_GEMEENTE];
  const cells: ExpectedCell[] = [];
  const groups = new Map<string, (period: (typeof PERIODS)[number]) => ExpectedGroup | undefined>();
  for (const [measure, measureGroups] of Object.entries(byPeriod[String(FIXTURE_YEAR) as '2026'])) {
    for (const group of Object.keys(measureGroups)) groups.set(`${measure}/${group}`, (period) => byPeriod[period][measure]?.[group]);
  }
  for (const [figure, groupIn] of groups) {
    for (const period of PERIODS) cells.push({ figure, period, shown: groupIn(period)?.score ?? null });
    const strata = new Set(PERIODS.flatMap((period) => Object.keys(groupIn(period)?.strata ?? {})));
    for (const stratum of strata) {
      for (const period of PERIODS) cells.push({ figure, period, stratum, shown: groupIn(period)?.strata?.[stratum] ?? null });
    }
  }
  return cells;
}

// What the dashboard must show for demo-gemeente (GM0344) on the GALA fixture: the hand-computed GALA_EXPECTED,
// flattened to one cell per figure, period and stratum, as the page marks them (data-figure, data-period,
// data-stratum).
import type { FastifyInstance } from 'fastify';
import { GALA_EXPECTED, GALA_PERIODS, GALA_REFERRALS, seedGalaFixture, type ExpectedGroup, type GalaReferral } from './gala-fixture.ts';

export const FIXTURE_YEAR = 2026;
export const FIXTURE_GEMEENTE = 'GM0344';
/** The CBS name of GM0344, from the package's CodeSystem brug-gemeente. */
export const FIXTURE_GEMEENTE_NAME = 'Utrecht';
export const PREVIOUS_YEAR = String(FIXTURE_YEAR - 1);

const done = (days: number) => ({ days, outcomes: ['verbonden-sociale-basis', 'geholpen'] });
const earlier = (key: string, authored: string, fate: 'completed' | 'accepted', contact?: number, evaluation?: number): GalaReferral => ({
  key, gemeente: FIXTURE_GEMEENTE, authored, practice: 'P1', by: 'huisarts', welfare: 'W1', reasons: ['Z01'], fate,
  ...(contact === undefined ? {} : { contact }), ...(evaluation === undefined ? {} : { evaluation: done(evaluation) }),
});

/**
 * Utrecht's referrals of the year before, which the page shows beside the fixture's year: ten, all by the huisarts
 * of P1 to W1 for Z01 (life domain financien); five completed (first contact after 4, 6, 8, 10 and 12 days, then an
 * evaluation: connected to the sociale basis, helped), five accepted. Quarters 2, 3, 2 and 3.
 */
export const PREVIOUS_YEAR_REFERRALS: readonly GalaReferral[] = [
  earlier('V01', '2025-02-03', 'completed', 4, 30),
  earlier('V02', '2025-03-10', 'completed', 6, 40),
  earlier('V03', '2025-05-12', 'completed', 8, 35),
  earlier('V04', '2025-06-16', 'completed', 10, 45),
  earlier('V05', '2025-09-08', 'completed', 12, 50),
  earlier('V06', '2025-04-07', 'accepted'),
  earlier('V07', '2025-07-14', 'accepted'),
  earlier('V08', '2025-10-06', 'accepted'),
  earlier('V09', '2025-11-03', 'accepted'),
  earlier('V10', '2025-12-01', 'accepted'),
];

/** The GALA fixture and the year before. */
export async function seedDashboardFixture(app: FastifyInstance): Promise<void> {
  await seedGalaFixture(app, [...GALA_REFERRALS, ...PREVIOUS_YEAR_REFERRALS]);
}

/**
 * Their figures for the whole year, worked out by hand with 2025's population row (374,238 inhabitants, 318,702 aged
 * 15+, 97 practices, 11.5 fte): 10 referrals, 10 x 1,000 / 318,702 = 0.03 per 1,000 aged 15+, 10 x 10,000 /
 * 374,238 = 0.27 per 10,000; one practice and one organisation (masked); first contact and first feedback after
 * 4, 6, 8, 10, 12 days: median 8, p90 10 + 0.6 x 2 = 11.2; all 10 accepted (100 %), none rejected or cancelled (0 %),
 * 5 completed (50 %: 5 of 10, and 5 not, are no small counts); 5 evaluated, each with both outcomes; capacity
 * 11.5 x 10,000 / 374,238 = 0.31. The quarters' small counts (2, 3, 2, 3) are all masked, so they add up to the year's
 * 10 without giving one away, and nothing of the year is masked for them.
 */
const PREVIOUS_YEAR_SCORES: Readonly<Record<string, ExpectedCell['shown']>> = {
  'verwijzingen/aantal': 10,
  'verwijzingen/per-1000-inwoners-15plus': 0.03,
  'verwijzingen/per-10000-inwoners-per-jaar': 0.27,
  'aangesloten-praktijken/aantal': 'masked',
  'aangesloten-praktijken/aandeel': 'masked',
  'aangesloten-organisaties/aantal': 'masked',
  'verwijzingen-per-verwijzer-rol/aantal': 10,
  'verwijzingen-per-levensgebied/aantal': 10,
  'doorlooptijd-eerste-contact/mediaan-dagen': 8,
  'doorlooptijd-eerste-contact/p90-dagen': 11.2,
  'doorlooptijd-eerste-terugkoppeling/mediaan-dagen': 8,
  'doorlooptijd-eerste-terugkoppeling/p90-dagen': 11.2,
  'afloop/aandeel-geaccepteerd': 100,
  'afloop/aandeel-afgewezen': 0,
  'afloop/aandeel-geannuleerd': 0,
  'afloop/aandeel-afgerond': 50,
  'uitkomsten/aantal': 5,
  'capaciteit-brugfunctie/fte-per-10000-inwoners': 0.31,
};
const PREVIOUS_YEAR_STRATA: Readonly<Record<string, number>> = {
  'verwijzingen-per-verwijzer-rol/aantal|62247001': 10,
  'verwijzingen-per-levensgebied/aantal|financien': 10,
  'uitkomsten/aantal|verbonden-sociale-basis': 5,
  'uitkomsten/aantal|geholpen': 5,
};

export interface ExpectedCell {
  figure: string;
  period: string;
  stratum?: string;
  /** A number; 'masked' (shown as "< 5"); null where the figure is unknown (shown as "–"). */
  shown: number | 'masked' | null;
}

const PERIODS = Object.keys(GALA_PERIODS) as (keyof typeof GALA_PERIODS)[];

/**
 * Every cell: a figure's score per period (the quarters, the year and the year before), and for a breakdown each
 * stratum that has referrals in any period of the year, per period (null where it has none then: the report leaves
 * that stratum out).
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
    cells.push({ figure, period: PREVIOUS_YEAR, shown: PREVIOUS_YEAR_SCORES[figure] ?? null });
    const strata = new Set(PERIODS.flatMap((period) => Object.keys(groupIn(period)?.strata ?? {})));
    for (const stratum of strata) {
      for (const period of PERIODS) cells.push({ figure, period, stratum, shown: groupIn(period)?.strata?.[stratum] ?? null });
      cells.push({ figure, period: PREVIOUS_YEAR, stratum, shown: PREVIOUS_YEAR_STRATA[`${figure}|${stratum}`] ?? null });
    }
  }
  return cells;
}

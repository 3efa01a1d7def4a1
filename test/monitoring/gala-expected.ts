/**
 * The key figures the GALA fixture (gala-fixture.ts) must give, worked out from its referral table, not by Brug's
 * code: counted per gemeente and period from GALA_REFERRALS, with the population of examples/monitoring/inwoners-cbs.csv
 * (2026: Utrecht 378,156 inhabitants, 322,054 aged 15+, 98 practices, 12.4 fte; Amsterdam 936,417, 815,008, 293, 26.5).
 *
 * Rules applied: rates to 2 decimals, percentages and days to 1 (half up); median and p90 by linear interpolation
 * (p90 of n sorted values: value at 0.9 x (n - 1)); per 10,000 per year x 365 / days (Q1 90, Q2 91, Q3 92, Q4 92,
 * year 365). Life domains: category plus ConceptMap of the reasons, once per referral. First feedback: the earliest of
 * eerste-contact, evaluatie and afsluiting. Accepted: ever accepted (incl. later cancelled).
 *
 * GALA_EXPECTED is what a report shows with the default threshold 5: 'masked' for a count from 1 to 4, a score from
 * one, a share whose complement is 1 to 4, and the next-smallest referrer-role stratum when one is masked; null where
 * the figure is unknown (no referrals for a median, no denominator). Across the quarters: GM0344's referrals are
 * 7, 5, 3 and 6 (year 21), so Q3's 3 would be 21 - 7 - 5 - 6 and Q2's 5 is masked with it; GM0363's are 2, 5, 1 and 0
 * (year 8), whose masked 2 and 1 add up to less than 5, so Q2's 5 is masked too, and with it Q2's 5 referrals that
 * were not rejected (Q1's 1 and Q3's 1 would be 7 - 5). GALA_RAW is every figure before suppression.
 */
export type Shown = number | 'masked' | null;
export interface ExpectedGroup {
  readonly score: Shown;
  readonly population: Readonly<Partial<Record<'initial-population' | 'numerator' | 'denominator', number | 'masked'>>>;
  /** Stratum code -> count; strata not listed have no referrals and are not in the report. */
  readonly strata?: Readonly<Record<string, number | 'masked'>>;
}
export type GalaExpected = Readonly<Record<'GM0344' | 'GM0363', Readonly<Record<'2026-Q1' | '2026-Q2' | '2026-Q3' | '2026-Q4' | '2026', Readonly<Record<string, Readonly<Record<string, ExpectedGroup>>>>>>>>;

/** As the reports show them (threshold 5), by gemeente, period label, measure id and group code. */
export const GALA_EXPECTED: GalaExpected = {
  GM0344: {
    '2026-Q1': {
      'verwijzingen': { 'aantal': { score: 7, population: { 'initial-population': 7 } }, 'per-1000-inwoners-15plus': { score: 0.02, population: { 'initial-population': 7 } }, 'per-10000-inwoners-per-jaar': { score: 0.75, population: { 'initial-population': 7 } } },
      'aangesloten-praktijken': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'aandeel': { score: 'masked', population: { numerator: 'masked', denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 7, population: { 'initial-population': 7 }, strata: { '159002008': 'masked', '62247001': 'masked' } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 7, population: { 'initial-population': 7 }, strata: { financien: 'masked', 'psychisch-welbevinden': 'masked', 'sociaal-netwerk': 'masked', wonen: 'masked', zingeving: 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 5, population: { 'initial-population': 5 } }, 'p90-dagen': { score: 8.8, population: { 'initial-population': 5 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 'masked', population: { numerator: 'masked', denominator: 7 } }, 'aandeel-afgewezen': { score: 'masked', population: { numerator: 'masked', denominator: 7 } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 7 } }, 'aandeel-afgerond': { score: 'masked', population: { numerator: 'masked', denominator: 7 } } },
      'uitkomsten': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { 'deels-geholpen': 'masked', geholpen: 'masked', 'terug-naar-verwijzer': 'masked', 'verbonden-sociale-basis': 'masked', 'zelf-verder': 'masked' } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
    '2026-Q2': {
      'verwijzingen': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-1000-inwoners-15plus': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-10000-inwoners-per-jaar': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'aangesloten-praktijken': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'aandeel': { score: 'masked', population: { numerator: 'masked', denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { '159002008': 'masked', '62247001': 'masked' } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { financien: 'masked', leefstijl: 'masked', 'psychisch-welbevinden': 'masked', 'sociaal-netwerk': 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgewezen': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgerond': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } } },
      'uitkomsten': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { geholpen: 'masked', 'verbonden-sociaal-domein': 'masked', 'verbonden-sociale-basis': 'masked' } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
    '2026-Q3': {
      'verwijzingen': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-1000-inwoners-15plus': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-10000-inwoners-per-jaar': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'aangesloten-praktijken': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'aandeel': { score: 'masked', population: { numerator: 'masked', denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { '159002008': 'masked', '62247001': 'masked' } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { financien: 'masked', 'sociaal-netwerk': 'masked', 'werk-dagbesteding': 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgewezen': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgerond': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } } },
      'uitkomsten': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { 'geen-contact': 'masked', geholpen: 'masked', 'verbonden-sociale-basis': 'masked' } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
    '2026-Q4': {
      'verwijzingen': { 'aantal': { score: 6, population: { 'initial-population': 6 } }, 'per-1000-inwoners-15plus': { score: 0.02, population: { 'initial-population': 6 } }, 'per-10000-inwoners-per-jaar': { score: 0.63, population: { 'initial-population': 6 } } },
      'aangesloten-praktijken': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'aandeel': { score: 'masked', population: { numerator: 'masked', denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 6, population: { 'initial-population': 6 }, strata: { '159002008': 'masked', '62247001': 'masked' } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 6, population: { 'initial-population': 6 }, strata: { financien: 'masked', 'sociaal-netwerk': 'masked', 'werk-dagbesteding': 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 'masked', population: { numerator: 'masked', denominator: 6 } }, 'aandeel-afgewezen': { score: 0, population: { numerator: 0, denominator: 6 } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 6 } }, 'aandeel-afgerond': { score: 'masked', population: { numerator: 'masked', denominator: 6 } } },
      'uitkomsten': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { 'deels-geholpen': 'masked', 'zelf-verder': 'masked' } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
    '2026': {
      'verwijzingen': { 'aantal': { score: 21, population: { 'initial-population': 21 } }, 'per-1000-inwoners-15plus': { score: 0.07, population: { 'initial-population': 21 } }, 'per-10000-inwoners-per-jaar': { score: 0.56, population: { 'initial-population': 21 } } },
      'aangesloten-praktijken': { 'aantal': { score: 5, population: { 'initial-population': 5 } }, 'aandeel': { score: 5.1, population: { numerator: 5, denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 5, population: { 'initial-population': 5 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 21, population: { 'initial-population': 21 }, strata: { '159002008': 11, '62247001': 10 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 21, population: { 'initial-population': 21 }, strata: { financien: 9, leefstijl: 'masked', 'psychisch-welbevinden': 'masked', 'sociaal-netwerk': 9, 'werk-dagbesteding': 'masked', wonen: 'masked', zingeving: 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 6.5, population: { 'initial-population': 12 } }, 'p90-dagen': { score: 11.8, population: { 'initial-population': 12 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 5.5, population: { 'initial-population': 14 } }, 'p90-dagen': { score: 11.4, population: { 'initial-population': 14 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 76.2, population: { numerator: 16, denominator: 21 } }, 'aandeel-afgewezen': { score: 'masked', population: { numerator: 'masked', denominator: 21 } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 21 } }, 'aandeel-afgerond': { score: 33.3, population: { numerator: 7, denominator: 21 } } },
      'uitkomsten': { 'aantal': { score: 9, population: { 'initial-population': 9 }, strata: { 'deels-geholpen': 'masked', 'geen-contact': 'masked', geholpen: 5, 'terug-naar-verwijzer': 'masked', 'verbonden-sociaal-domein': 'masked', 'verbonden-sociale-basis': 'masked', 'zelf-verder': 'masked' } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
  },
  GM0363: {
    '2026-Q1': {
      'verwijzingen': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-1000-inwoners-15plus': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-10000-inwoners-per-jaar': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'aangesloten-praktijken': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'aandeel': { score: 'masked', population: { numerator: 'masked', denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { '159002008': 'masked', '62247001': 'masked' } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { financien: 'masked', 'psychisch-welbevinden': 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgewezen': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgerond': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } } },
      'uitkomsten': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { geholpen: 'masked', 'terug-naar-verwijzer': 'masked', 'verbonden-sociale-basis': 'masked' } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
    '2026-Q2': {
      'verwijzingen': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-1000-inwoners-15plus': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-10000-inwoners-per-jaar': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'aangesloten-praktijken': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'aandeel': { score: 'masked', population: { numerator: 'masked', denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { '159002008': 'masked', '62247001': 'masked' } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { financien: 'masked', 'sociaal-netwerk': 'masked', wonen: 'masked', zingeving: 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgewezen': { score: 'masked', population: { numerator: 0, denominator: 'masked' } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgerond': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } } },
      'uitkomsten': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { geholpen: 'masked', 'verbonden-sociale-basis': 'masked', 'zelf-verder': 'masked' } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
    '2026-Q3': {
      'verwijzingen': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-1000-inwoners-15plus': { score: 'masked', population: { 'initial-population': 'masked' } }, 'per-10000-inwoners-per-jaar': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'aangesloten-praktijken': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'aandeel': { score: 'masked', population: { numerator: 'masked', denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { '62247001': 'masked' } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { 'sociaal-netwerk': 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 'masked', population: { 'initial-population': 'masked' } }, 'p90-dagen': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgewezen': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } }, 'aandeel-afgerond': { score: 'masked', population: { numerator: 'masked', denominator: 'masked' } } },
      'uitkomsten': { 'aantal': { score: 0, population: { 'initial-population': 0 }, strata: {} } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
    '2026-Q4': {
      'verwijzingen': { 'aantal': { score: 0, population: { 'initial-population': 0 } }, 'per-1000-inwoners-15plus': { score: 0, population: { 'initial-population': 0 } }, 'per-10000-inwoners-per-jaar': { score: 0, population: { 'initial-population': 0 } } },
      'aangesloten-praktijken': { 'aantal': { score: 0, population: { 'initial-population': 0 } }, 'aandeel': { score: 0, population: { numerator: 0, denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 0, population: { 'initial-population': 0 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 0, population: { 'initial-population': 0 }, strata: {} } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 0, population: { 'initial-population': 0 }, strata: {} } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: null, population: { 'initial-population': 0 } }, 'p90-dagen': { score: null, population: { 'initial-population': 0 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: null, population: { 'initial-population': 0 } }, 'p90-dagen': { score: null, population: { 'initial-population': 0 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: null, population: { numerator: 0, denominator: 0 } }, 'aandeel-afgewezen': { score: null, population: { numerator: 0, denominator: 0 } }, 'aandeel-geannuleerd': { score: null, population: { numerator: 0, denominator: 0 } }, 'aandeel-afgerond': { score: null, population: { numerator: 0, denominator: 0 } } },
      'uitkomsten': { 'aantal': { score: 0, population: { 'initial-population': 0 }, strata: {} } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
    '2026': {
      'verwijzingen': { 'aantal': { score: 8, population: { 'initial-population': 8 } }, 'per-1000-inwoners-15plus': { score: 0.01, population: { 'initial-population': 8 } }, 'per-10000-inwoners-per-jaar': { score: 0.09, population: { 'initial-population': 8 } } },
      'aangesloten-praktijken': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } }, 'aandeel': { score: 'masked', population: { numerator: 'masked', denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 8, population: { 'initial-population': 8 }, strata: { '159002008': 'masked', '62247001': 'masked' } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 8, population: { 'initial-population': 8 }, strata: { financien: 'masked', 'psychisch-welbevinden': 'masked', 'sociaal-netwerk': 'masked', wonen: 'masked', zingeving: 'masked' } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 6, population: { 'initial-population': 5 } }, 'p90-dagen': { score: 9.8, population: { 'initial-population': 5 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 5.5, population: { 'initial-population': 6 } }, 'p90-dagen': { score: 9.5, population: { 'initial-population': 6 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 'masked', population: { numerator: 'masked', denominator: 8 } }, 'aandeel-afgewezen': { score: 'masked', population: { numerator: 'masked', denominator: 8 } }, 'aandeel-geannuleerd': { score: 'masked', population: { numerator: 'masked', denominator: 8 } }, 'aandeel-afgerond': { score: 'masked', population: { numerator: 'masked', denominator: 8 } } },
      'uitkomsten': { 'aantal': { score: 'masked', population: { 'initial-population': 'masked' }, strata: { geholpen: 'masked', 'terug-naar-verwijzer': 'masked', 'verbonden-sociale-basis': 'masked', 'zelf-verder': 'masked' } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
  },
};

/** Before suppression: what the SQL must compute. */
export const GALA_RAW: GalaExpected = {
  GM0344: {
    '2026-Q1': {
      'verwijzingen': { 'aantal': { score: 7, population: { 'initial-population': 7 } }, 'per-1000-inwoners-15plus': { score: 0.02, population: { 'initial-population': 7 } }, 'per-10000-inwoners-per-jaar': { score: 0.75, population: { 'initial-population': 7 } } },
      'aangesloten-praktijken': { 'aantal': { score: 3, population: { 'initial-population': 3 } }, 'aandeel': { score: 3.1, population: { numerator: 3, denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 3, population: { 'initial-population': 3 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 7, population: { 'initial-population': 7 }, strata: { '159002008': 3, '62247001': 4 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 7, population: { 'initial-population': 7 }, strata: { financien: 3, 'psychisch-welbevinden': 1, 'sociaal-netwerk': 2, wonen: 1, zingeving: 1 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 6, population: { 'initial-population': 4 } }, 'p90-dagen': { score: 9.1, population: { 'initial-population': 4 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 5, population: { 'initial-population': 5 } }, 'p90-dagen': { score: 8.8, population: { 'initial-population': 5 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 85.7, population: { numerator: 6, denominator: 7 } }, 'aandeel-afgewezen': { score: 14.3, population: { numerator: 1, denominator: 7 } }, 'aandeel-geannuleerd': { score: 14.3, population: { numerator: 1, denominator: 7 } }, 'aandeel-afgerond': { score: 42.9, population: { numerator: 3, denominator: 7 } } },
      'uitkomsten': { 'aantal': { score: 4, population: { 'initial-population': 4 }, strata: { 'deels-geholpen': 1, geholpen: 2, 'terug-naar-verwijzer': 1, 'verbonden-sociale-basis': 2, 'zelf-verder': 1 } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
    '2026-Q2': {
      'verwijzingen': { 'aantal': { score: 5, population: { 'initial-population': 5 } }, 'per-1000-inwoners-15plus': { score: 0.02, population: { 'initial-population': 5 } }, 'per-10000-inwoners-per-jaar': { score: 0.53, population: { 'initial-population': 5 } } },
      'aangesloten-praktijken': { 'aantal': { score: 4, population: { 'initial-population': 4 } }, 'aandeel': { score: 4.1, population: { numerator: 4, denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 4, population: { 'initial-population': 4 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 5, population: { 'initial-population': 5 }, strata: { '159002008': 3, '62247001': 2 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 5, population: { 'initial-population': 5 }, strata: { financien: 2, leefstijl: 1, 'psychisch-welbevinden': 1, 'sociaal-netwerk': 3 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 6, population: { 'initial-population': 3 } }, 'p90-dagen': { score: 10.8, population: { 'initial-population': 3 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 6, population: { 'initial-population': 3 } }, 'p90-dagen': { score: 10.8, population: { 'initial-population': 3 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 60, population: { numerator: 3, denominator: 5 } }, 'aandeel-afgewezen': { score: 20, population: { numerator: 1, denominator: 5 } }, 'aandeel-geannuleerd': { score: 20, population: { numerator: 1, denominator: 5 } }, 'aandeel-afgerond': { score: 40, population: { numerator: 2, denominator: 5 } } },
      'uitkomsten': { 'aantal': { score: 2, population: { 'initial-population': 2 }, strata: { geholpen: 2, 'verbonden-sociaal-domein': 1, 'verbonden-sociale-basis': 1 } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
    '2026-Q3': {
      'verwijzingen': { 'aantal': { score: 3, population: { 'initial-population': 3 } }, 'per-1000-inwoners-15plus': { score: 0.01, population: { 'initial-population': 3 } }, 'per-10000-inwoners-per-jaar': { score: 0.31, population: { 'initial-population': 3 } } },
      'aangesloten-praktijken': { 'aantal': { score: 2, population: { 'initial-population': 2 } }, 'aandeel': { score: 2, population: { numerator: 2, denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 2, population: { 'initial-population': 2 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 3, population: { 'initial-population': 3 }, strata: { '159002008': 2, '62247001': 1 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 3, population: { 'initial-population': 3 }, strata: { financien: 1, 'sociaal-netwerk': 1, 'werk-dagbesteding': 1 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 11, population: { 'initial-population': 2 } }, 'p90-dagen': { score: 13.4, population: { 'initial-population': 2 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 8, population: { 'initial-population': 3 } }, 'p90-dagen': { score: 12.8, population: { 'initial-population': 3 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 66.7, population: { numerator: 2, denominator: 3 } }, 'aandeel-afgewezen': { score: 33.3, population: { numerator: 1, denominator: 3 } }, 'aandeel-geannuleerd': { score: 0, population: { numerator: 0, denominator: 3 } }, 'aandeel-afgerond': { score: 33.3, population: { numerator: 1, denominator: 3 } } },
      'uitkomsten': { 'aantal': { score: 2, population: { 'initial-population': 2 }, strata: { 'geen-contact': 1, geholpen: 1, 'verbonden-sociale-basis': 1 } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
    '2026-Q4': {
      'verwijzingen': { 'aantal': { score: 6, population: { 'initial-population': 6 } }, 'per-1000-inwoners-15plus': { score: 0.02, population: { 'initial-population': 6 } }, 'per-10000-inwoners-per-jaar': { score: 0.63, population: { 'initial-population': 6 } } },
      'aangesloten-praktijken': { 'aantal': { score: 4, population: { 'initial-population': 4 } }, 'aandeel': { score: 4.1, population: { numerator: 4, denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 4, population: { 'initial-population': 4 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 6, population: { 'initial-population': 6 }, strata: { '159002008': 3, '62247001': 3 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 6, population: { 'initial-population': 6 }, strata: { financien: 3, 'sociaal-netwerk': 3, 'werk-dagbesteding': 1 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 3, population: { 'initial-population': 3 } }, 'p90-dagen': { score: 7.8, population: { 'initial-population': 3 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 3, population: { 'initial-population': 3 } }, 'p90-dagen': { score: 7.8, population: { 'initial-population': 3 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 83.3, population: { numerator: 5, denominator: 6 } }, 'aandeel-afgewezen': { score: 0, population: { numerator: 0, denominator: 6 } }, 'aandeel-geannuleerd': { score: 16.7, population: { numerator: 1, denominator: 6 } }, 'aandeel-afgerond': { score: 16.7, population: { numerator: 1, denominator: 6 } } },
      'uitkomsten': { 'aantal': { score: 1, population: { 'initial-population': 1 }, strata: { 'deels-geholpen': 1, 'zelf-verder': 1 } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
    '2026': {
      'verwijzingen': { 'aantal': { score: 21, population: { 'initial-population': 21 } }, 'per-1000-inwoners-15plus': { score: 0.07, population: { 'initial-population': 21 } }, 'per-10000-inwoners-per-jaar': { score: 0.56, population: { 'initial-population': 21 } } },
      'aangesloten-praktijken': { 'aantal': { score: 5, population: { 'initial-population': 5 } }, 'aandeel': { score: 5.1, population: { numerator: 5, denominator: 98 } } },
      'aangesloten-organisaties': { 'aantal': { score: 5, population: { 'initial-population': 5 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 21, population: { 'initial-population': 21 }, strata: { '159002008': 11, '62247001': 10 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 21, population: { 'initial-population': 21 }, strata: { financien: 9, leefstijl: 1, 'psychisch-welbevinden': 2, 'sociaal-netwerk': 9, 'werk-dagbesteding': 2, wonen: 1, zingeving: 1 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 6.5, population: { 'initial-population': 12 } }, 'p90-dagen': { score: 11.8, population: { 'initial-population': 12 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 5.5, population: { 'initial-population': 14 } }, 'p90-dagen': { score: 11.4, population: { 'initial-population': 14 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 76.2, population: { numerator: 16, denominator: 21 } }, 'aandeel-afgewezen': { score: 14.3, population: { numerator: 3, denominator: 21 } }, 'aandeel-geannuleerd': { score: 14.3, population: { numerator: 3, denominator: 21 } }, 'aandeel-afgerond': { score: 33.3, population: { numerator: 7, denominator: 21 } } },
      'uitkomsten': { 'aantal': { score: 9, population: { 'initial-population': 9 }, strata: { 'deels-geholpen': 2, 'geen-contact': 1, geholpen: 5, 'terug-naar-verwijzer': 1, 'verbonden-sociaal-domein': 1, 'verbonden-sociale-basis': 4, 'zelf-verder': 2 } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.33, population: {} } },
    },
  },
  GM0363: {
    '2026-Q1': {
      'verwijzingen': { 'aantal': { score: 2, population: { 'initial-population': 2 } }, 'per-1000-inwoners-15plus': { score: 0, population: { 'initial-population': 2 } }, 'per-10000-inwoners-per-jaar': { score: 0.09, population: { 'initial-population': 2 } } },
      'aangesloten-praktijken': { 'aantal': { score: 2, population: { 'initial-population': 2 } }, 'aandeel': { score: 0.7, population: { numerator: 2, denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 2, population: { 'initial-population': 2 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 2, population: { 'initial-population': 2 }, strata: { '159002008': 1, '62247001': 1 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 2, population: { 'initial-population': 2 }, strata: { financien: 1, 'psychisch-welbevinden': 1 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 6, population: { 'initial-population': 1 } }, 'p90-dagen': { score: 6, population: { 'initial-population': 1 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 4.5, population: { 'initial-population': 2 } }, 'p90-dagen': { score: 5.7, population: { 'initial-population': 2 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 50, population: { numerator: 1, denominator: 2 } }, 'aandeel-afgewezen': { score: 50, population: { numerator: 1, denominator: 2 } }, 'aandeel-geannuleerd': { score: 0, population: { numerator: 0, denominator: 2 } }, 'aandeel-afgerond': { score: 50, population: { numerator: 1, denominator: 2 } } },
      'uitkomsten': { 'aantal': { score: 2, population: { 'initial-population': 2 }, strata: { geholpen: 1, 'terug-naar-verwijzer': 1, 'verbonden-sociale-basis': 1 } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
    '2026-Q2': {
      'verwijzingen': { 'aantal': { score: 5, population: { 'initial-population': 5 } }, 'per-1000-inwoners-15plus': { score: 0.01, population: { 'initial-population': 5 } }, 'per-10000-inwoners-per-jaar': { score: 0.21, population: { 'initial-population': 5 } } },
      'aangesloten-praktijken': { 'aantal': { score: 3, population: { 'initial-population': 3 } }, 'aandeel': { score: 1, population: { numerator: 3, denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 3, population: { 'initial-population': 3 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 5, population: { 'initial-population': 5 }, strata: { '159002008': 2, '62247001': 3 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 5, population: { 'initial-population': 5 }, strata: { financien: 2, 'sociaal-netwerk': 2, wonen: 1, zingeving: 1 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 8, population: { 'initial-population': 3 } }, 'p90-dagen': { score: 10.4, population: { 'initial-population': 3 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 8, population: { 'initial-population': 3 } }, 'p90-dagen': { score: 10.4, population: { 'initial-population': 3 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 80, population: { numerator: 4, denominator: 5 } }, 'aandeel-afgewezen': { score: 0, population: { numerator: 0, denominator: 5 } }, 'aandeel-geannuleerd': { score: 20, population: { numerator: 1, denominator: 5 } }, 'aandeel-afgerond': { score: 40, population: { numerator: 2, denominator: 5 } } },
      'uitkomsten': { 'aantal': { score: 2, population: { 'initial-population': 2 }, strata: { geholpen: 2, 'verbonden-sociale-basis': 1, 'zelf-verder': 1 } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
    '2026-Q3': {
      'verwijzingen': { 'aantal': { score: 1, population: { 'initial-population': 1 } }, 'per-1000-inwoners-15plus': { score: 0, population: { 'initial-population': 1 } }, 'per-10000-inwoners-per-jaar': { score: 0.04, population: { 'initial-population': 1 } } },
      'aangesloten-praktijken': { 'aantal': { score: 1, population: { 'initial-population': 1 } }, 'aandeel': { score: 0.3, population: { numerator: 1, denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 1, population: { 'initial-population': 1 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 1, population: { 'initial-population': 1 }, strata: { '62247001': 1 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 1, population: { 'initial-population': 1 }, strata: { 'sociaal-netwerk': 1 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 4, population: { 'initial-population': 1 } }, 'p90-dagen': { score: 4, population: { 'initial-population': 1 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 4, population: { 'initial-population': 1 } }, 'p90-dagen': { score: 4, population: { 'initial-population': 1 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 100, population: { numerator: 1, denominator: 1 } }, 'aandeel-afgewezen': { score: 0, population: { numerator: 0, denominator: 1 } }, 'aandeel-geannuleerd': { score: 0, population: { numerator: 0, denominator: 1 } }, 'aandeel-afgerond': { score: 0, population: { numerator: 0, denominator: 1 } } },
      'uitkomsten': { 'aantal': { score: 0, population: { 'initial-population': 0 }, strata: {} } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
    '2026-Q4': {
      'verwijzingen': { 'aantal': { score: 0, population: { 'initial-population': 0 } }, 'per-1000-inwoners-15plus': { score: 0, population: { 'initial-population': 0 } }, 'per-10000-inwoners-per-jaar': { score: 0, population: { 'initial-population': 0 } } },
      'aangesloten-praktijken': { 'aantal': { score: 0, population: { 'initial-population': 0 } }, 'aandeel': { score: 0, population: { numerator: 0, denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 0, population: { 'initial-population': 0 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 0, population: { 'initial-population': 0 }, strata: {} } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 0, population: { 'initial-population': 0 }, strata: {} } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: null, population: { 'initial-population': 0 } }, 'p90-dagen': { score: null, population: { 'initial-population': 0 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: null, population: { 'initial-population': 0 } }, 'p90-dagen': { score: null, population: { 'initial-population': 0 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: null, population: { numerator: 0, denominator: 0 } }, 'aandeel-afgewezen': { score: null, population: { numerator: 0, denominator: 0 } }, 'aandeel-geannuleerd': { score: null, population: { numerator: 0, denominator: 0 } }, 'aandeel-afgerond': { score: null, population: { numerator: 0, denominator: 0 } } },
      'uitkomsten': { 'aantal': { score: 0, population: { 'initial-population': 0 }, strata: {} } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
    '2026': {
      'verwijzingen': { 'aantal': { score: 8, population: { 'initial-population': 8 } }, 'per-1000-inwoners-15plus': { score: 0.01, population: { 'initial-population': 8 } }, 'per-10000-inwoners-per-jaar': { score: 0.09, population: { 'initial-population': 8 } } },
      'aangesloten-praktijken': { 'aantal': { score: 3, population: { 'initial-population': 3 } }, 'aandeel': { score: 1, population: { numerator: 3, denominator: 293 } } },
      'aangesloten-organisaties': { 'aantal': { score: 3, population: { 'initial-population': 3 } } },
      'verwijzingen-per-verwijzer-rol': { 'aantal': { score: 8, population: { 'initial-population': 8 }, strata: { '159002008': 3, '62247001': 5 } } },
      'verwijzingen-per-levensgebied': { 'aantal': { score: 8, population: { 'initial-population': 8 }, strata: { financien: 3, 'psychisch-welbevinden': 1, 'sociaal-netwerk': 3, wonen: 1, zingeving: 1 } } },
      'doorlooptijd-eerste-contact': { 'mediaan-dagen': { score: 6, population: { 'initial-population': 5 } }, 'p90-dagen': { score: 9.8, population: { 'initial-population': 5 } } },
      'doorlooptijd-eerste-terugkoppeling': { 'mediaan-dagen': { score: 5.5, population: { 'initial-population': 6 } }, 'p90-dagen': { score: 9.5, population: { 'initial-population': 6 } } },
      'afloop': { 'aandeel-geaccepteerd': { score: 75, population: { numerator: 6, denominator: 8 } }, 'aandeel-afgewezen': { score: 12.5, population: { numerator: 1, denominator: 8 } }, 'aandeel-geannuleerd': { score: 12.5, population: { numerator: 1, denominator: 8 } }, 'aandeel-afgerond': { score: 37.5, population: { numerator: 3, denominator: 8 } } },
      'uitkomsten': { 'aantal': { score: 4, population: { 'initial-population': 4 }, strata: { geholpen: 3, 'terug-naar-verwijzer': 1, 'verbonden-sociale-basis': 2, 'zelf-verder': 1 } } },
      'capaciteit-brugfunctie': { 'fte-per-10000-inwoners': { score: 0.28, population: {} } },
    },
  },
};

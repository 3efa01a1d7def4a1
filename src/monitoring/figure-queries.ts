/**
 * One SQL query per key figure (Measure), over the search-index tables; nothing is loaded into memory but the
 * figures themselves. Rates and shares are computed and rounded in SQL: rates per inhabitant and fte to 2 decimals,
 * percentages and days to 1. Medians and 90th percentiles use percentile_cont (linear interpolation between the two
 * nearest values), as PostgreSQL computes it.
 */
import type { SqlExecutor } from '../store/index.ts';
import { REFERRAL_CTE, TASK_CTE, cohortParams } from './referral-cohort.ts';
import type { ReportingPeriod } from './reporting-period.ts';
import type { MonitoringTerminology } from './monitoring-terminology.ts';
import { BrugCodeSystems } from '../canonical-urls.ts';

export type PopulationCode = 'initial-population' | 'numerator' | 'denominator';

/** A group's figures before suppression: its counts, its score (null: unknown, no population data) and what it rests on. */
export interface RawGroup {
  readonly code: string;
  /**
   * `complement`: what the count leaves out of a total that is shown too; a count that gives it away is masked with it.
   * `additive: false`: a year's count is not the sum of its quarters' (distinct organisations, population data).
   */
  readonly counts: readonly { readonly code: PopulationCode; readonly count: number; readonly complement?: number; readonly additive?: false }[];
  readonly score?: number | null;
  /**
   * The counts the score is computed from, and for a share the count it leaves out (a share of n reveals n - k too):
   * a score resting on a suppressed count is suppressed as well.
   */
  readonly restsOn: readonly number[];
  readonly strata?: readonly { readonly code: string; readonly count: number }[];
}

export interface FigureContext {
  readonly sql: SqlExecutor;
  readonly gemeente: string;
  readonly period: ReportingPeriod;
  readonly terminology: MonitoringTerminology;
}

type Row = Record<string, string | number | null>;

async function one(ctx: FigureContext, text: string, extra: unknown[] = []): Promise<Row> {
  const result = await ctx.sql.query<Row>(text, [...cohortParams(ctx.gemeente, ctx.period), ...extra]);
  return result.rows[0] ?? {};
}

async function all(ctx: FigureContext, text: string, extra: unknown[] = []): Promise<Row[]> {
  return (await ctx.sql.query<Row>(text, [...cohortParams(ctx.gemeente, ctx.period), ...extra])).rows;
}

const num = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const int = (v: string | number | null | undefined): number => Number(v ?? 0);

const POPULATION = `pop AS (SELECT * FROM monitoring_population WHERE gemeente = $1 AND year = $5)`;

async function verwijzingen(ctx: FigureContext): Promise<RawGroup[]> {
  const row = await one(
    ctx,
    `WITH ${REFERRAL_CTE}, ${POPULATION}, c AS (SELECT count(*) AS n FROM referral)
     SELECT c.n, round(c.n * 1000.0 / pop.inhabitants_15plus, 2) AS per1000,
            round(c.n * 10000.0 * 365 / pop.inhabitants / $6, 2) AS per10000
     FROM c LEFT JOIN pop ON true`,
    [ctx.period.year, ctx.period.days],
  );
  const n = int(row.n);
  const initial = [{ code: 'initial-population' as const, count: n }];
  return [
    { code: 'aantal', counts: initial, score: n, restsOn: [n] },
    { code: 'per-1000-inwoners-15plus', counts: initial, score: num(row.per1000), restsOn: [n] },
    { code: 'per-10000-inwoners-per-jaar', counts: initial, score: num(row.per10000), restsOn: [n] },
  ];
}

async function praktijken(ctx: FigureContext): Promise<RawGroup[]> {
  const row = await one(
    ctx,
    `WITH ${REFERRAL_CTE}, ${POPULATION},
     c AS (
       SELECT count(DISTINCT CASE WHEN q.target_type = 'Organization' THEN q.target_id ELSE o.target_id END) AS n
       FROM referral r
       JOIN indexed_reference q ON q.resource_type = 'ServiceRequest' AND q.id = r.id AND q.param = 'requester'
       LEFT JOIN indexed_reference o ON q.target_type = 'PractitionerRole' AND o.resource_type = 'PractitionerRole' AND o.id = q.target_id AND o.param = 'organization')
     SELECT c.n, pop.gp_practices, round(c.n * 100.0 / NULLIF(pop.gp_practices, 0), 1) AS share FROM c LEFT JOIN pop ON true`,
    [ctx.period.year],
  );
  const n = int(row.n);
  return [
    { code: 'aantal', counts: [{ code: 'initial-population', count: n, additive: false }], score: n, restsOn: [n] },
    {
      code: 'aandeel',
      counts: [{ code: 'numerator', count: n, additive: false }, ...(row.gp_practices === null || row.gp_practices === undefined ? [] : [{ code: 'denominator' as const, count: int(row.gp_practices), additive: false as const }])],
      score: num(row.share),
      restsOn: [n],
    },
  ];
}

async function organisaties(ctx: FigureContext): Promise<RawGroup[]> {
  const row = await one(
    ctx,
    `WITH ${REFERRAL_CTE}, ${TASK_CTE}
     SELECT count(DISTINCT CASE WHEN w.target_type = 'Organization' THEN w.target_id ELSE o.target_id END) AS n
     FROM task t
     JOIN indexed_reference w ON w.resource_type = 'Task' AND w.id = t.id AND w.param = 'owner'
     LEFT JOIN indexed_reference o ON w.target_type IN ('PractitionerRole', 'HealthcareService') AND o.resource_type = w.target_type AND o.id = w.target_id AND o.param = 'organization'`,
  );
  const n = int(row.n);
  return [{ code: 'aantal', counts: [{ code: 'initial-population', count: n, additive: false }], score: n, restsOn: [n] }];
}

/** Rows (code, n, total): GROUPING SETS give the strata and, in the row with total = 1, the group's own count. */
function stratified(rows: Row[]): RawGroup {
  const n = int(rows.find((r) => int(r.total) === 1)?.n);
  const strata = rows
    .filter((r) => int(r.total) === 0 && r.code !== null)
    .map((r) => ({ code: String(r.code), count: int(r.n) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { code: 'aantal', counts: [{ code: 'initial-population', count: n }], score: n, restsOn: [n], strata };
}

async function perVerwijzerRol(ctx: FigureContext): Promise<RawGroup[]> {
  const rows = await all(
    ctx,
    `WITH ${REFERRAL_CTE},
     x AS (
       SELECT r.id, coalesce(rc.code, 'onbekend') AS code
       FROM referral r
       LEFT JOIN indexed_reference q ON q.resource_type = 'ServiceRequest' AND q.id = r.id AND q.param = 'requester' AND q.target_type = 'PractitionerRole'
       LEFT JOIN indexed_token rc ON rc.resource_type = 'PractitionerRole' AND rc.id = q.target_id AND rc.param = 'role')
     SELECT code, count(DISTINCT id) AS n, GROUPING(code) AS total FROM x GROUP BY GROUPING SETS ((code), ())`,
  );
  return [stratified(rows)];
}

async function perLevensgebied(ctx: FigureContext): Promise<RawGroup[]> {
  const map = ctx.terminology.lifeDomains;
  const rows = await all(
    ctx,
    `WITH ${REFERRAL_CTE},
     x AS (
       SELECT c.id, c.code FROM referral r
       JOIN indexed_token c ON c.resource_type = 'ServiceRequest' AND c.id = r.id AND c.param = 'category' AND c.system = $5
       UNION
       SELECT rc.id, m.domain FROM referral r
       JOIN indexed_token rc ON rc.resource_type = 'ServiceRequest' AND rc.id = r.id AND rc.param = 'reason-code'
       JOIN unnest($6::text[], $7::text[], $8::text[]) AS m(system, code, domain) ON m.system = rc.system AND m.code = rc.code)
     SELECT code, count(DISTINCT id) AS n, GROUPING(code) AS total FROM x GROUP BY GROUPING SETS ((code), ())`,
    [BrugCodeSystems.levensgebied, map.systems, map.codes, map.domains],
  );
  return [stratified(rows)];
}

async function uitkomsten(ctx: FigureContext): Promise<RawGroup[]> {
  const rows = await all(
    ctx,
    `WITH ${REFERRAL_CTE},
     evaluated AS (
       SELECT r.id, b.id AS communication FROM referral r
       JOIN indexed_reference b ON b.target_type = 'ServiceRequest' AND b.target_id = r.id AND b.resource_type = 'Communication' AND b.param = 'based-on'
       JOIN indexed_token k ON k.resource_type = 'Communication' AND k.id = b.id AND k.param = 'category' AND k.system = $5 AND k.code IN ('evaluatie', 'afsluiting')),
     x AS (
       SELECT e.id, o.code FROM evaluated e
       LEFT JOIN indexed_token o ON o.resource_type = 'Communication' AND o.id = e.communication AND o.param = 'uitkomst' AND o.system = $6)
     SELECT code, count(DISTINCT id) AS n, GROUPING(code) AS total FROM x GROUP BY GROUPING SETS ((code), ())`,
    [BrugCodeSystems.terugkoppelingSoort, BrugCodeSystems.uitkomst],
  );
  return [stratified(rows)];
}

/** Days from authoredOn to the earliest feedback `sent` (of the kinds given, or any kind). */
async function doorlooptijd(ctx: FigureContext, kinds: readonly string[] | undefined): Promise<RawGroup[]> {
  const row = await one(
    ctx,
    `WITH ${REFERRAL_CTE},
     d AS (
       SELECT EXTRACT(EPOCH FROM (min(s.low) - r.authored))::float8 / 86400 AS days
       FROM referral r
       JOIN indexed_reference b ON b.target_type = 'ServiceRequest' AND b.target_id = r.id AND b.resource_type = 'Communication' AND b.param = 'based-on'
       JOIN indexed_token k ON k.resource_type = 'Communication' AND k.id = b.id AND k.param = 'category' AND k.system = $5 AND ($6::text[] IS NULL OR k.code = ANY($6::text[]))
       JOIN indexed_date s ON s.resource_type = 'Communication' AND s.id = b.id AND s.param = 'sent'
       GROUP BY r.id, r.authored)
     SELECT count(*) AS n,
            round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::numeric, 1) AS median,
            round(percentile_cont(0.9) WITHIN GROUP (ORDER BY days)::numeric, 1) AS p90
     FROM d`,
    [BrugCodeSystems.terugkoppelingSoort, kinds ? [...kinds] : null],
  );
  const n = int(row.n);
  const counts = [{ code: 'initial-population' as const, count: n }];
  return [
    { code: 'mediaan-dagen', counts, score: num(row.median), restsOn: [n] },
    { code: 'p90-dagen', counts, score: num(row.p90), restsOn: [n] },
  ];
}

/**
 * Outcome of the period's referrals by their Task. Accepted: the Task was accepted at some point; by the state
 * machine every Task now in-progress, on-hold, completed or failed was, and a cancelled one only if its history
 * says so (the only case that reads stored versions). Rejected, cancelled, completed: the Task's status now.
 */
async function afloop(ctx: FigureContext): Promise<RawGroup[]> {
  const row = await one(
    ctx,
    `WITH ${REFERRAL_CTE}, ${TASK_CTE},
     st AS (SELECT t.referral, t.id, s.code FROM task t JOIN indexed_token s ON s.resource_type = 'Task' AND s.id = t.id AND s.param = 'status'),
     c AS (SELECT (SELECT count(*) FROM referral) AS n,
       count(DISTINCT referral) FILTER (WHERE code IN ('accepted', 'in-progress', 'on-hold', 'completed', 'failed')
          OR (code = 'cancelled' AND EXISTS (SELECT 1 FROM stored_versions h WHERE h.resource_type = 'Task' AND h.id = st.id
               AND h.content IS NOT NULL AND h.content::jsonb ->> 'status' = 'accepted'))) AS accepted,
       count(DISTINCT referral) FILTER (WHERE code = 'rejected') AS rejected,
       count(DISTINCT referral) FILTER (WHERE code = 'cancelled') AS cancelled,
       count(DISTINCT referral) FILTER (WHERE code = 'completed') AS completed
       FROM st)
     SELECT n, accepted, rejected, cancelled, completed,
       round(accepted * 100.0 / NULLIF(n, 0), 1) AS accepted_share, round(rejected * 100.0 / NULLIF(n, 0), 1) AS rejected_share,
       round(cancelled * 100.0 / NULLIF(n, 0), 1) AS cancelled_share, round(completed * 100.0 / NULLIF(n, 0), 1) AS completed_share
     FROM c`,
  );
  const n = int(row.n);
  const share = (code: string, key: string): RawGroup => {
    const k = int(row[key]);
    return { code, counts: [{ code: 'numerator', count: k, complement: n - k }, { code: 'denominator', count: n }], score: num(row[`${key}_share`]), restsOn: [k, n, n - k] };
  };
  return [share('aandeel-geaccepteerd', 'accepted'), share('aandeel-afgewezen', 'rejected'), share('aandeel-geannuleerd', 'cancelled'), share('aandeel-afgerond', 'completed')];
}

async function capaciteit(ctx: FigureContext): Promise<RawGroup[]> {
  const result = await ctx.sql.query<Row>(
    'SELECT round(bridging_fte * 10000.0 / inhabitants, 2) AS fte FROM monitoring_population WHERE gemeente = $1 AND year = $2',
    [ctx.gemeente, ctx.period.year],
  );
  return [{ code: 'fte-per-10000-inwoners', counts: [], score: num(result.rows[0]?.fte), restsOn: [] }];
}

export const FIGURE_QUERIES: Readonly<Record<string, (ctx: FigureContext) => Promise<RawGroup[]>>> = {
  verwijzingen,
  'aangesloten-praktijken': praktijken,
  'aangesloten-organisaties': organisaties,
  'verwijzingen-per-verwijzer-rol': perVerwijzerRol,
  'verwijzingen-per-levensgebied': perLevensgebied,
  'doorlooptijd-eerste-contact': (ctx) => doorlooptijd(ctx, ['eerste-contact']),
  'doorlooptijd-eerste-terugkoppeling': (ctx) => doorlooptijd(ctx, undefined),
  afloop,
  uitkomsten,
  'capaciteit-brugfunctie': capaciteit,
};

import type { ReportingPeriod } from './reporting-period.ts';
import { BrugCodeSystems } from '../canonical-urls.ts';

/**
 * The referrals of one gemeente in one period, as a CTE over the store's secondary-use views of its search index
 * (src/store/migrations/003-secondary-use.ts): a ServiceRequest whose `authored` date falls in the period (days in Europe/Amsterdam) and whose subject Patient's
 * address carries the gemeente's CBS code (search parameter `gemeente`). Every ServiceRequest is a referral: Brug
 * requires the brug-verwijzing profile of them. A referral the practice withdrew as a mistake (ServiceRequest or
 * Task entered-in-error) never counted. Parameters $1 to $4; queries add theirs from $5.
 *
 * MATERIALIZED: computed once with its own plan (hash joins over the index tables). Inlined, the planner guesses a
 * few dozen referrals where a gemeente has thousands and nests loops through every later join (bench/README.md).
 */
export const REFERRAL_CTE = `referral AS MATERIALIZED (
  SELECT a.id, a.low AS authored
  FROM indexed_date a
  WHERE a.resource_type = 'ServiceRequest' AND a.param = 'authored'
    AND EXISTS (
      SELECT 1 FROM indexed_reference s
      JOIN indexed_token g ON g.resource_type = 'Patient' AND g.id = s.target_id AND g.param = 'gemeente' AND g.system = $2 AND g.code = $1
      WHERE s.resource_type = 'ServiceRequest' AND s.id = a.id AND s.param = 'subject' AND s.target_type = 'Patient')
    AND a.low >= ($3::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
    AND a.low < ($4::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'
    -- The few withdrawn ones are looked up once (a hashed subplan), not once per referral.
    AND a.id NOT IN (
      SELECT x.id FROM indexed_token x WHERE x.resource_type = 'ServiceRequest' AND x.param = 'status' AND x.code = 'entered-in-error'
      UNION ALL
      SELECT f.target_id FROM indexed_token ts
      JOIN indexed_reference f ON f.resource_type = 'Task' AND f.id = ts.id AND f.param = 'focus' AND f.target_type = 'ServiceRequest'
      WHERE ts.resource_type = 'Task' AND ts.param = 'status' AND ts.code = 'entered-in-error' AND f.target_id IS NOT NULL)
)`;

/** The Tasks of the cohort's referrals. */
export const TASK_CTE = `task AS (
  SELECT f.id, r.id AS referral
  FROM referral r
  JOIN indexed_reference f ON f.target_type = 'ServiceRequest' AND f.target_id = r.id AND f.resource_type = 'Task' AND f.param = 'focus'
)`;

export function cohortParams(gemeente: string, period: ReportingPeriod): unknown[] {
  return [gemeente, BrugCodeSystems.gemeente, period.start, period.end];
}

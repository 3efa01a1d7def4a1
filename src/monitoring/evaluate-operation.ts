// https://hl7.org/fhir/R4/measure-operation-evaluate-measure.html: a summary MeasureReport of one Brug Measure for one
// gemeente and period, computed in the database (figure-queries.ts).
import { OperationInput, type FhirResponse, type OperationInvocation, type OperationRegistry } from '../fhir/index.ts';
import type { Database } from '../store/index.ts';
import { MonitoringErrors } from './errors.ts';
import { FIGURE_QUERIES, type RawGroup } from './figure-queries.ts';
import { gemeenteFor, organizationOfGemeente } from './gemeente-access.ts';
import { measureReport } from './measure-report.ts';
import { findMeasure, type MeasureDefinition } from './measures.ts';
import type { MonitoringTerminology } from './monitoring-terminology.ts';
import { hasPopulation } from './population-store.ts';
import { periodGrid, type PeriodGrid } from './period-grid.ts';
import { reportingPeriod, type ReportingPeriod } from './reporting-period.ts';
import { smallCountMasks, yearOfQuarters } from './small-count-suppression.ts';

export interface EvaluateDeps {
  readonly db: Database;
  readonly terminology: MonitoringTerminology;
  readonly minCount: number;
}

const REPORT_TYPES = new Set(['summary', 'population']);
/** The parameters Brug reads; anything else (subject, practitioner, …) is refused, so no report is ever about a person. */
const PARAMETERS = ['periodStart', 'periodEnd', 'reportType', 'measure', 'gemeente'];

function measureOf(call: OperationInvocation, input: OperationInput): MeasureDefinition {
  if (call.level === 'instance') {
    if (input.string('measure') !== undefined) input.fail('measure', 'only at type level (Measure/$evaluate-measure); this call names its Measure in the URL');
    const found = findMeasure(call.id ?? '');
    if (!found) throw MonitoringErrors.unknownMeasure([`Measure/${call.id}`]);
    return found;
  }
  const wanted = input.string('measure');
  if (wanted === undefined) input.missing('Parameter measure is required: the canonical URL of a Brug Measure', 'measure');
  const found = findMeasure(wanted);
  if (!found) throw MonitoringErrors.unknownMeasure([wanted], { expression: [input.where('measure')] });
  return found;
}

/** The four quarters and the year around the asked period's `groups`; a quarter's year is summed from the quarters. */
async function yearGrid(grid: PeriodGrid, groups: RawGroup[], run: (period: ReportingPeriod) => Promise<RawGroup[]>): Promise<RawGroup[][]> {
  const quarters = await Promise.all(grid.periods.slice(0, 4).map((p, i) => (i === grid.at ? groups : run(p))));
  return [...quarters, grid.at === 4 ? groups : yearOfQuarters(quarters)];
}

async function evaluate(call: OperationInvocation, deps: EvaluateDeps): Promise<FhirResponse> {
  const input = new OperationInput(call.request, 'evaluate-measure', { known: PARAMETERS });
  const measure = measureOf(call, input);
  const reportType = input.string('reportType') ?? 'summary';
  if (!REPORT_TYPES.has(reportType)) {
    input.fail('reportType', `"${reportType}" is not offered: Brug reports summaries only (summary, or population as R4 names it), never about individual residents`);
  }
  const period = reportingPeriod(input.string('periodStart'), input.string('periodEnd'), (name) => input.where(name));
  const gemeente = await gemeenteFor(deps.db, call, input.string('gemeente'), input.where('gemeente'));
  const organizationId = await organizationOfGemeente(deps.db, gemeente);
  if (!organizationId && !(await hasPopulation(deps.db, gemeente))) throw MonitoringErrors.unknownGemeente([gemeente], { expression: [input.where('gemeente')] });
  const grid = periodGrid(period, (name) => input.where(name));
  const run = (p: ReportingPeriod) => FIGURE_QUERIES[measure.id]!({ sql: deps.db, gemeente, period: p, terminology: deps.terminology });
  const groups = await run(period);
  // A figure whose counts add up over the quarters is masked as the whole year's grid requires (small-count-suppression.ts).
  const additive = groups.some((g) => g.strata !== undefined || g.counts.some((c) => c.additive !== false));
  const masks = additive ? smallCountMasks(measure, await yearGrid(grid, groups, run), grid.at, deps.minCount) : smallCountMasks(measure, [groups], 0, deps.minCount);
  const report = measureReport(measure, groups, { gemeente, organizationId, name: deps.terminology.gemeenteName(gemeente) }, period, deps.terminology, masks);
  return { status: 200, resource: report };
}

export function registerEvaluateMeasure(registry: OperationRegistry, deps: EvaluateDeps): void {
  registry.register({
    name: 'evaluate-measure',
    levels: ['type', 'instance'],
    resourceTypes: ['Measure'],
    methods: ['GET', 'POST'],
    definition: 'http://hl7.org/fhir/OperationDefinition/Measure-evaluate-measure',
    documentation:
      'Brug key figures (GALA monitor) for one gemeente and period: summary reports only, small counts masked. Municipalities see their own gemeente; administrators name one with gemeente=GM....',
    handler: (call) => evaluate(call, deps),
  });
}

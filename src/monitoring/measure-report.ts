// https://hl7.org/fhir/R4/measurereport.html: a summary report, one group per figure, with small counts masked as
// small-count-suppression.ts decides.
import type { Extension, MeasureReport, MeasureReportGroup, MeasureReportGroupPopulation, MeasureReportGroupStratifier, MeasureReportGroupStratifierStratum } from '@medplum/fhirtypes';
import type { RawGroup } from './figure-queries.ts';
import { MEASURE_POPULATION_SYSTEM, targetExtension } from './measure-resources.ts';
import { measureUrl, UNITS, type MeasureDefinition, type Stratifier } from './measures.ts';
import type { MonitoringTerminology } from './monitoring-terminology.ts';
import type { ReportingPeriod } from './reporting-period.ts';
import type { GroupMasks } from './small-count-suppression.ts';
import { BrugCodeSystems, BrugExtensions } from '../canonical-urls.ts';

export const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const masked = (): Extension[] => [{ url: DATA_ABSENT_REASON, valueCode: 'masked' }];
const unknown = (): Extension[] => [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }];

function population(code: string, count: number, hide: boolean): MeasureReportGroupPopulation {
  const coded = { coding: [{ system: MEASURE_POPULATION_SYSTEM, code }] };
  return hide ? { extension: masked(), code: coded } : { code: coded, count };
}

type Stratum = { readonly code: string; readonly count: number };

function stratum(stratifier: Stratifier, s: Stratum, terminology: MonitoringTerminology, hide: boolean): MeasureReportGroupStratifierStratum {
  return {
    ...(hide ? { extension: masked() } : {}),
    value: { coding: [terminology.stratumCoding(stratifier, s.code)] },
    population: [population('initial-population', s.count, hide)],
  };
}

function stratifierOf(stratifier: Stratifier, strata: readonly Stratum[], terminology: MonitoringTerminology, hidden: ReadonlySet<string>): MeasureReportGroupStratifier {
  return {
    code: [{ coding: [{ system: BrugCodeSystems.kengetal, code: stratifier }] }],
    stratum: strata.map((s) => stratum(stratifier, s, terminology, hidden.has(s.code))),
  };
}

function group(measure: MeasureDefinition, raw: RawGroup, terminology: MonitoringTerminology, masks: GroupMasks): MeasureReportGroup {
  const definition = measure.groups.find((g) => g.code === raw.code)!;
  const unit = UNITS[definition.kind];
  const measureScore =
    masks.score ? { extension: masked(), unit }
    : raw.score === null || raw.score === undefined ? { extension: unknown(), unit }
    : { value: raw.score, unit };
  const target = targetExtension(definition);
  return {
    ...(target.length ? { extension: target } : {}),
    code: { coding: [{ system: BrugCodeSystems.kengetal, code: raw.code, display: definition.display }] },
    population: raw.counts.map((c, i) => population(c.code, c.count, masks.populations[i]!)),
    measureScore,
    ...(definition.stratifier && raw.strata ? { stratifier: [stratifierOf(definition.stratifier, raw.strata, terminology, masks.strata)] } : {}),
  };
}

export interface ReportSubject {
  readonly gemeente: string;
  /** The municipality Organization, when Brug holds one for the gemeente. */
  readonly organizationId?: string;
  /** The gemeente's name, when the package's CBS list (CodeSystem brug-gemeente) has the code. */
  readonly name?: string;
}

export function measureReport(
  measure: MeasureDefinition,
  groups: readonly RawGroup[],
  subject: ReportSubject,
  period: ReportingPeriod,
  terminology: MonitoringTerminology,
  masks: readonly GroupMasks[],
): MeasureReport {
  const display = subject.name ? { display: subject.name } : {};
  const reporter: MeasureReport['reporter'] = subject.organizationId
    ? { reference: `Organization/${subject.organizationId}`, ...display }
    : { identifier: { system: BrugCodeSystems.gemeente, value: subject.gemeente }, ...display };
  return {
    resourceType: 'MeasureReport',
    extension: [{ url: BrugExtensions.gemeente, valueCoding: { system: BrugCodeSystems.gemeente, code: subject.gemeente, ...display } }],
    status: 'complete',
    type: 'summary',
    measure: measureUrl(measure.id),
    date: new Date().toISOString(),
    reporter,
    period: { start: period.start, end: period.end },
    group: groups.map((g, i) => group(measure, g, terminology, masks[i]!)),
  };
}

// https://hl7.org/fhir/R4/measurereport.html: a summary report, one group per figure, with small counts suppressed.
import type { Extension, MeasureReport, MeasureReportGroup, MeasureReportGroupPopulation, MeasureReportGroupStratifier, MeasureReportGroupStratifierStratum } from '@medplum/fhirtypes';
import type { RawGroup } from './figure-queries.ts';
import { MEASURE_POPULATION_SYSTEM, targetExtension } from './measure-resources.ts';
import { measureUrl, UNITS, type MeasureDefinition, type Stratifier } from './measures.ts';

import type { MonitoringTerminology } from './monitoring-terminology.ts';
import type { ReportingPeriod } from './reporting-period.ts';
import { BrugCodeSystems, BrugExtensions } from '../canonical-urls.ts';

export const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const masked = (): Extension[] => [{ url: DATA_ABSENT_REASON, valueCode: 'masked' }];
const unknown = (): Extension[] => [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }];

/**
 * Small-count suppression: a count from 1 to below `minCount` could point at a resident, so it is left out and marked
 * masked, as is every score computed from it. Zero identifies nobody and is shown.
 */
export class Suppression {
  private readonly minCount: number;

  constructor(minCount: number) {
    this.minCount = minCount;
  }

  hides(count: number): boolean {
    return count > 0 && count < this.minCount;
  }
}

function population(code: string, count: number, hide: boolean): MeasureReportGroupPopulation {
  const coded = { coding: [{ system: MEASURE_POPULATION_SYSTEM, code }] };
  return hide ? { extension: masked(), code: coded } : { code: coded, count };
}

type Stratum = { readonly code: string; readonly count: number };

/**
 * Secondary suppression for strata that split the group (each referral has one referrer role): with one stratum
 * masked, the group's count minus the others would give it away, so the smallest other stratum is masked as well.
 */
function alsoHidden(strata: readonly Stratum[], suppression: Suppression): ReadonlySet<string> {
  if (strata.filter((s) => suppression.hides(s.count)).length !== 1) return new Set();
  const next = strata.filter((s) => s.count > 0 && !suppression.hides(s.count)).sort((a, b) => a.count - b.count || a.code.localeCompare(b.code))[0];
  return new Set(next ? [next.code] : []);
}

function stratum(stratifier: Stratifier, s: Stratum, terminology: MonitoringTerminology, hide: boolean): MeasureReportGroupStratifierStratum {
  return {
    ...(hide ? { extension: masked() } : {}),
    value: { coding: [terminology.stratumCoding(stratifier, s.code)] },
    population: [population('initial-population', s.count, hide)],
  };
}

function stratifierOf(stratifier: Stratifier, strata: readonly Stratum[], terminology: MonitoringTerminology, suppression: Suppression): MeasureReportGroupStratifier {
  const extra = PARTITIONS.has(stratifier) ? alsoHidden(strata, suppression) : new Set<string>();
  return {
    code: [{ coding: [{ system: BrugCodeSystems.kengetal, code: stratifier }] }],
    stratum: strata.map((s) => stratum(stratifier, s, terminology, suppression.hides(s.count) || extra.has(s.code))),
  };
}

/** Stratifiers whose strata split the group: every referral falls in exactly one. */
const PARTITIONS: ReadonlySet<Stratifier> = new Set(['verwijzer-rol']);

function group(measure: MeasureDefinition, raw: RawGroup, terminology: MonitoringTerminology, suppression: Suppression): MeasureReportGroup {
  const definition = measure.groups.find((g) => g.code === raw.code)!;
  const unit = UNITS[definition.kind];
  const hidden = raw.restsOn.some((c) => suppression.hides(c));
  const measureScore =
    hidden ? { extension: masked(), unit }
    : raw.score === null || raw.score === undefined ? { extension: unknown(), unit }
    : { value: raw.score, unit };
  const target = targetExtension(definition);
  return {
    ...(target.length ? { extension: target } : {}),
    code: { coding: [{ system: BrugCodeSystems.kengetal, code: raw.code, display: definition.display }] },
    population: raw.counts.map((c) => population(c.code, c.count, suppression.hides(c.count) || (c.complement !== undefined && suppression.hides(c.complement)))),
    measureScore,
    ...(definition.stratifier && raw.strata ? { stratifier: [stratifierOf(definition.stratifier, raw.strata, terminology, suppression)] } : {}),
  };
}

export interface ReportSubject {
  readonly gemeente: string;
  /** The municipality Organization, when Brug holds one for the gemeente. */
  readonly organizationId?: string;
}

export function measureReport(
  measure: MeasureDefinition,
  groups: readonly RawGroup[],
  subject: ReportSubject,
  period: ReportingPeriod,
  terminology: MonitoringTerminology,
  suppression: Suppression,
): MeasureReport {
  const reporter: MeasureReport['reporter'] = subject.organizationId
    ? { reference: `Organization/${subject.organizationId}` }
    : { identifier: { system: BrugCodeSystems.gemeente, value: subject.gemeente } };
  return {
    resourceType: 'MeasureReport',
    extension: [{ url: BrugExtensions.gemeente, valueCoding: { system: BrugCodeSystems.gemeente, code: subject.gemeente } }],
    status: 'complete',
    type: 'summary',
    measure: measureUrl(measure.id),
    date: new Date().toISOString(),
    reporter,
    period: { start: period.start, end: period.end },
    group: groups.map((g) => group(measure, g, terminology, suppression)),
  };
}

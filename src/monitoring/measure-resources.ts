// https://hl7.org/fhir/R4/measure.html: each key figure as a Measure, so clients find what Brug computes and against
// which target, and `$evaluate-measure` names the one it evaluates.
import type { Extension, Measure, MeasureGroup } from '@medplum/fhirtypes';
import { measureUrl, UNITS, type GroupDefinition, type MeasureDefinition } from './measures.ts';
import { BrugCodeSystems, BrugExtensions } from '../canonical-urls.ts';

export const MEASURE_POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';
const SCORING_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-scoring';
// Expression.language is extensible: Brug's figures are its own SQL, named rather than written out here.
const KENGETAL_LANGUAGE = 'text/x-brug-kengetal' as 'text/cql';

export function targetExtension(group: GroupDefinition): Extension[] {
  if (!group.target) return [];
  const unit = UNITS[group.kind];
  const { low, high } = group.target;
  return [{ url: BrugExtensions.streefwaarde, valueRange: { ...(low !== undefined ? { low: { value: low, unit } } : {}), ...(high !== undefined ? { high: { value: high, unit } } : {}) } }];
}

function groupOf(measure: MeasureDefinition, group: GroupDefinition): MeasureGroup {
  const extension = targetExtension(group);
  return {
    ...(extension.length ? { extension } : {}),
    code: { coding: [{ system: BrugCodeSystems.kengetal, code: group.code, display: group.display }], text: UNITS[group.kind] },
    description: group.display,
    population: [
      {
        code: { coding: [{ system: MEASURE_POPULATION_SYSTEM, code: 'initial-population' }] },
        // Computed by Brug's own SQL (src/monitoring/figure-queries.ts); the expression names the figure.
        criteria: { language: KENGETAL_LANGUAGE, expression: `${measure.id}/${group.code}` },
      },
    ],
    ...(group.stratifier
      ? { stratifier: [{ code: { coding: [{ system: BrugCodeSystems.kengetal, code: group.stratifier }] }, criteria: { language: KENGETAL_LANGUAGE, expression: group.stratifier } }] }
      : {}),
  };
}

export function measureResource(measure: MeasureDefinition): Measure {
  return {
    resourceType: 'Measure',
    id: measure.id,
    url: measureUrl(measure.id),
    version: '1.0.0',
    name: measure.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    title: measure.title,
    status: 'active',
    experimental: false,
    publisher: 'Brug',
    description: measure.description,
    jurisdiction: [{ coding: [{ system: 'urn:iso:std:iso:3166', code: 'NL' }] }],
    scoring: { coding: [{ system: SCORING_SYSTEM, code: measure.scoring }] },
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-type', code: 'outcome' }] }],
    group: measure.groups.map((g) => groupOf(measure, g)),
  };
}

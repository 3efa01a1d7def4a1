// https://hl7.org/fhir/R4/measure-operation-evaluate-measure.html: GET takes the parameters from the query, POST
// from a Parameters body (and the query).
import type { ParametersParameter } from '@medplum/fhirtypes';
import type { FhirRequest } from '../fhir/index.ts';
import { MonitoringErrors } from './errors.ts';

/** The parameters Brug reads; anything else (subject, practitioner, …) is refused, so no report is ever about a person. */
const KNOWN = new Set(['periodStart', 'periodEnd', 'reportType', 'measure', 'gemeente']);
const VALUE_KEYS = ['valueDate', 'valueDateTime', 'valueString', 'valueCode', 'valueCanonical', 'valueUri', 'valueUrl', 'valueId'] as const;

export interface EvaluateInput {
  get(name: string): string | undefined;
  /** Where a parameter is (or would be), for OperationOutcome.issue.expression. */
  where(name: string): string;
}

interface Entry {
  readonly name: string;
  readonly value: string;
  readonly expression: string;
}

function bodyEntries(body: unknown): Entry[] {
  if (body === undefined || body === null || body === '') return [];
  const params = body as { resourceType?: unknown; parameter?: unknown };
  if (typeof params !== 'object' || params.resourceType !== 'Parameters') {
    throw MonitoringErrors.invalidParameter(['body', 'POST $evaluate-measure takes a Parameters resource'], { expression: ['resourceType'] });
  }
  const list = Array.isArray(params.parameter) ? (params.parameter as ParametersParameter[]) : [];
  return list.map((p, i) => {
    const expression = `Parameters.parameter[${i}]`;
    const value = VALUE_KEYS.map((k) => p?.[k]).find((v) => typeof v === 'string');
    if (typeof p?.name !== 'string' || value === undefined) {
      throw MonitoringErrors.invalidParameter([typeof p?.name === 'string' ? p.name : `#${i}`, 'needs a name and a value (valueDate, valueString, valueCode, …)'], { expression: [expression] });
    }
    return { name: p.name, value, expression };
  });
}

export function readEvaluateInput(request: FhirRequest): EvaluateInput {
  const fromQuery = request.query.filter(([name]) => !name.startsWith('_')).map(([name, value]) => ({ name, value, expression: name }));
  const entries = [...(request.method === 'POST' ? bodyEntries(request.body) : []), ...fromQuery];
  for (const e of entries) {
    if (!KNOWN.has(e.name)) throw MonitoringErrors.invalidParameter([e.name, `not supported; Brug reads ${[...KNOWN].join(', ')}`], { expression: [e.expression] });
  }
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) throw MonitoringErrors.invalidParameter([e.name, 'given more than once'], { expression: [e.expression] });
    seen.add(e.name);
  }
  const inBody = request.method === 'POST' && request.body !== undefined;
  return {
    get: (name) => entries.find((e) => e.name === name)?.value,
    where: (name) => entries.find((e) => e.name === name)?.expression ?? (inBody ? `Parameters.parameter.where(name = '${name}')` : name),
  };
}

import type { OperationOutcome } from '@medplum/fhirtypes';
import type { Rejection } from './offer-row.ts';

/** Which CSV column an element of a written resource came from, so a server finding points at the cell to fix. */
const COLUMN_OF_ELEMENT: readonly [RegExp, string][] = [
  [/^Organization\.identifier/, 'aanbieder_kvk'],
  [/^Organization\.name/, 'aanbieder_naam'],
  [/^Organization/, 'aanbieder_kvk'],
  [/\.position\.latitude/, 'latitude'],
  [/\.position\.longitude/, 'longitude'],
  [/^Location\.address\.postalCode/, 'postcode'],
  [/^Location\.address\.city/, 'plaats'],
  [/^Location\.address\.line/, 'adres'],
  [/extension/, 'gemeente'],
  [/^HealthcareService\.name/, 'naam'],
  [/^HealthcareService\.type/, 'soort'],
  [/^HealthcareService\.characteristic/, 'levensgebieden'],
  [/^HealthcareService\.category/, 'categorie'],
  [/^HealthcareService\.eligibility/, 'doelgroep'],
  [/^HealthcareService\.providedBy/, 'aanbieder_kvk'],
  [/^HealthcareService\.identifier/, 'aanbod_id'],
];

/** `Bundle.entry[2].resource.type[0]` → `type[0]` on the entry's resource type. */
function elementOf(expression: string, entryTypes: readonly string[]): string | undefined {
  const m = /^Bundle\.entry\[(\d+)\](?:\.resource\.?(.*))?$/.exec(expression);
  if (!m) return expression;
  const type = entryTypes[Number(m[1])];
  return type && m[2] ? `${type}.${m[2]}` : type;
}

function columnOf(expressions: readonly string[], entryTypes: readonly string[]): string {
  for (const e of expressions) {
    const element = elementOf(e, entryTypes);
    const hit = element && COLUMN_OF_ELEMENT.find(([re]) => re.test(element));
    if (hit) return hit[1];
  }
  return '-';
}

/**
 * The rejections a failed one-row transaction stands for: one per error issue of the server's OperationOutcome
 * (HTTP status and diagnostics as the reason), or the status alone when the answer was no OperationOutcome.
 */
export function rejectionsFrom(outcome: OperationOutcome | undefined, status: number, row: number, entryTypes: readonly string[]): Rejection[] {
  const issues = outcome?.resourceType === 'OperationOutcome' ? (outcome.issue ?? []).filter((i) => i.severity === 'error' || i.severity === 'fatal') : [];
  if (issues.length === 0) return [{ row, column: '-', reason: `the server answered ${status}` }];
  return issues.map((issue) => ({
    row,
    column: columnOf(issue.expression ?? [], entryTypes),
    reason: `server ${status}: ${issue.diagnostics ?? issue.details?.text ?? issue.code}`,
  }));
}

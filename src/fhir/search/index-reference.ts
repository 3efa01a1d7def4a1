import type { ReferenceRow } from '../../store/index.ts';
import type { TypedValue } from './index-values.ts';
import { canonicalForms, referenceTarget } from './reference-target.ts';

const EMPTY: Omit<ReferenceRow, 'param'> = {
  targetType: null,
  targetId: null,
  targetVersion: null,
  url: null,
  identifierSystem: null,
  identifierValue: null,
};

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Reference rows (https://hl7.org/fhir/R4/search.html#reference): local targets by type and id, other
 * URLs and canonicals by URL, logical references by identifier. Contained and `urn:uuid:` references
 * point at nothing stored, so they leave no row.
 */
export function referenceRows(param: string, { type, value }: TypedValue, baseUrl: string): ReferenceRow[] {
  if (typeof value === 'string') {
    if (value === '' || value.startsWith('urn:uuid:') || value.startsWith('#')) return [];
    return canonicalForms(value).map((url) => ({ ...EMPTY, param, url }));
  }
  if (type !== 'Reference' || typeof value !== 'object' || value === null) return [];
  const ref = value as { reference?: unknown; type?: unknown; identifier?: { system?: unknown; value?: unknown } };
  const row: ReferenceRow = { ...EMPTY, param };
  const reference = str(ref.reference);
  if (reference !== null && !reference.startsWith('urn:uuid:')) {
    const target = referenceTarget(reference, baseUrl);
    if (target?.kind === 'local') Object.assign(row, { targetType: target.type, targetId: target.id, targetVersion: target.version ?? null });
    if (target?.kind === 'url') row.url = target.url;
  }
  row.identifierSystem = str(ref.identifier?.system);
  row.identifierValue = str(ref.identifier?.value);
  if (row.targetType === null && row.identifierValue !== null) row.targetType = str(ref.type);
  const useful = row.targetId !== null || row.url !== null || row.identifierValue !== null || row.identifierSystem !== null;
  return useful ? [row] : [];
}

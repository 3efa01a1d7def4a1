import type { Resource } from '@medplum/fhirtypes';

/** Server-kept or narrative fields that never count as a change by the client. */
const IGNORED = new Set(['meta', 'lastModified', 'text', 'id', 'resourceType']);

/** JSON with object keys sorted, so two values compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The top-level fields whose content differs between two versions of a resource. */
export function changedFields(previous: Resource, next: Resource): string[] {
  const a = previous as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !IGNORED.has(k) && canonical(a[k]) !== canonical(b[k])).sort();
}

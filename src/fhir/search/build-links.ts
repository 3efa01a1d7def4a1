import type { BundleLink } from '@medplum/fhirtypes';

/** Keeps the characters FHIR queries use readable (`subject:Patient.name`, `a,b`, `Type/id`). */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%2F/gi, '/');
}

function url(base: string, params: readonly [string, string][], count: number, offset: number): string {
  const all: [string, string][] = [...params, ['_count', String(count)]];
  if (offset > 0) all.push(['_offset', String(offset)]);
  return `${base}?${all.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

/**
 * Paging links (https://hl7.org/fhir/R4/http.html#paging): every effective parameter plus `_count` and
 * `_offset`. Offsets over a stable order (sort keys, then type and id) keep pages from overlapping.
 */
export function searchLinks(base: string, params: readonly [string, string][], count: number, offset: number, hasMore: boolean): BundleLink[] {
  const links: BundleLink[] = [
    { relation: 'self', url: url(base, params, count, offset) },
    { relation: 'first', url: url(base, params, count, 0) },
  ];
  if (offset > 0 && count > 0) links.push({ relation: 'previous', url: url(base, params, count, Math.max(0, offset - count)) });
  if (hasMore) links.push({ relation: 'next', url: url(base, params, count, offset + count) });
  return links;
}

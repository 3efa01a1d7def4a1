// https://hl7.org/fhir/R4/http.html#history (instance, type and system level)
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Filter, ResourceVersion } from '../../store/index.ts';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { applyScopes, scopeLookup, type ScopeLookup } from '../search/apply-scope.ts';
import { searchLinks } from '../search/build-links.ts';
import { visibleToCaller } from './visibility.ts';

const KNOWN = new Set(['_count', '_since', '_at', '_offset', '_format', '_pretty', '_list', '_sort']);

function instant(name: string, value: string): string {
  // _since is an instant; _at a date(Time) with any precision, taken at its start.
  const ok = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.test(value);
  const parsed = ok ? Date.parse(value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value) : NaN;
  if (Number.isNaN(parsed)) throw FhirErrors.invalidSearch([`${name} must be an instant such as 2026-01-31T12:00:00Z, got "${value}"`], { expression: [name] });
  return new Date(parsed).toISOString();
}

function nonNegative(name: string, value: string, max: number): number {
  if (!/^\d{1,9}$/.test(value)) throw FhirErrors.invalidSearch([`${name} must be a whole number, got "${value}"`], { expression: [name] });
  return Math.min(Number(value), max);
}

function entryFor(engine: Engine, v: ResourceVersion): BundleEntry {
  const fullUrl = `${engine.config.baseUrl}/${v.resourceType}/${v.id}`;
  const etag = `W/"${v.versionId}"`;
  if (v.deleted || v.json === null) {
    return {
      fullUrl,
      request: { method: 'DELETE', url: `${v.resourceType}/${v.id}` },
      response: { status: '204 No Content', etag, lastModified: v.lastUpdated },
    };
  }
  const created = v.method === 'POST';
  return {
    fullUrl,
    resource: JSON.parse(v.json) as Resource,
    request: created ? { method: 'POST', url: v.resourceType } : { method: v.method === 'PATCH' ? 'PATCH' : 'PUT', url: `${v.resourceType}/${v.id}` },
    response: { status: created || v.versionId === 1 ? '201 Created' : '200 OK', etag, lastModified: v.lastUpdated },
  };
}

/** A scope that is an empty id list lets nothing of its type through. */
async function readableTypes(types: readonly string[], scope: ScopeLookup): Promise<string[]> {
  const readable: string[] = [];
  for (const t of types) {
    const filters = await scope(t);
    if (!filters.some((f) => f.kind === 'id' && f.ids.length === 0)) readable.push(t);
  }
  return readable;
}

export async function history(engine: Engine, context: InteractionContext, req: FhirRequest, type?: string, id?: string): Promise<FhirResponse> {
  const get = (name: string) => req.query.find(([k]) => k === name)?.[1];
  const unknown = req.query.find(([k]) => !KNOWN.has(k));
  if (unknown && req.headers.preferHandling === 'strict') throw FhirErrors.unknownSearchParameter([unknown[0], 'history']);
  const count = get('_count') !== undefined ? nonNegative('_count', get('_count')!, engine.config.maxPageSize) : engine.config.defaultPageSize;
  const offset = get('_offset') !== undefined ? nonNegative('_offset', get('_offset')!, Number.MAX_SAFE_INTEGER) : 0;
  const since = get('_since') !== undefined ? instant('_since', get('_since')!) : undefined;
  const at = get('_at') !== undefined ? instant('_at', get('_at')!) : undefined;
  const scope = scopeLookup(engine, context);
  if (type !== undefined && id !== undefined) {
    const current = await engine.repo.readCurrent(type, id);
    if (!current || !(await visibleToCaller(engine, context, current))) throw FhirErrors.notFound([type, id]);
  }
  // Type and system history list only versions of resources the caller may see now, as a search would. Types the
  // caller may not read at all leave the query, so their versions are not even scanned.
  const types = type !== undefined ? [type] : await readableTypes(engine.defs.servedTypes, scope);
  const filter: Filter | undefined =
    id !== undefined ? undefined : types.length === 0 ? { kind: 'id', ids: [] } : await applyScopes(undefined, types, scope);
  const resourceTypes = type === undefined && types.length < engine.defs.servedTypes.length ? types : undefined;
  const page = await engine.repo.history({ resourceType: type, resourceTypes, id, since, at, filter, count, offset });
  const path = [type, id, '_history'].filter(Boolean).join('/');
  const keep = req.query.filter(([k]) => !['_offset', '_count', '_format', '_pretty'].includes(k));
  const links = searchLinks(`${engine.config.baseUrl}/${path}`, keep, count, offset, page.hasMore);
  const bundle: Bundle = { resourceType: 'Bundle', type: 'history', total: page.total, link: links, entry: page.versions.map((v) => entryFor(engine, v)) };
  return { status: 200, resource: bundle };
}

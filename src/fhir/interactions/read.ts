// https://hl7.org/fhir/R4/http.html#read (and conditional read: If-None-Match, If-Modified-Since)
import type { Resource } from '@medplum/fhirtypes';
import type { ResourceVersion } from '../../store/index.ts';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { subsetForRead } from './subset-read.ts';
import { visibleToCaller } from './visibility.ts';

function notModified(req: FhirRequest, version: ResourceVersion): boolean {
  const etag = `W/"${version.versionId}"`;
  const { ifNoneMatch, ifModifiedSince } = req.headers;
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((t) => {
      const tag = t.trim();
      return tag === '*' || tag === etag || tag === `"${version.versionId}"`;
    });
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    // HTTP dates have whole seconds: compare at that precision.
    return !Number.isNaN(since) && Math.floor(Date.parse(version.lastUpdated) / 1000) * 1000 <= since;
  }
  return false;
}

export function responseForVersion(engine: Engine, version: ResourceVersion, req: FhirRequest, status = 200): FhirResponse {
  const base = { versionId: String(version.versionId), lastModified: version.lastUpdated };
  if (notModified(req, version)) return { status: 304, ...base };
  const subset = subsetForRead(engine, req.query, version.json!);
  if (subset) return { status, resource: subset as Resource, ...base };
  return { status, json: version.json!, ...base };
}

export async function read(engine: Engine, context: InteractionContext, req: FhirRequest, type: string, id: string): Promise<FhirResponse> {
  const current = await engine.repo.readCurrent(type, id);
  if (!current || !(await visibleToCaller(engine, context, current))) throw FhirErrors.notFound([type, id]);
  if (current.deleted) throw FhirErrors.gone([type, id]);
  return responseForVersion(engine, current, req);
}

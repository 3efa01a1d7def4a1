// https://hl7.org/fhir/R4/http.html#vread
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { responseForVersion } from './read.ts';
import { visibleToCaller } from './visibility.ts';

export async function vread(engine: Engine, context: InteractionContext, req: FhirRequest, type: string, id: string, vid: string): Promise<FhirResponse> {
  if (!/^[1-9]\d{0,8}$/.test(vid)) throw FhirErrors.versionNotFound([vid, type, id]);
  const current = await engine.repo.readCurrent(type, id);
  if (!current || !(await visibleToCaller(engine, context, current))) throw FhirErrors.notFound([type, id]);
  const version = await engine.repo.readVersion(type, id, Number(vid));
  if (!version) throw FhirErrors.versionNotFound([vid, type, id]);
  if (version.deleted) throw FhirErrors.gone([type, `${id}/_history/${vid}`]);
  return responseForVersion(engine, version, req);
}

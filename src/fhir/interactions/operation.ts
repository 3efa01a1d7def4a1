// https://hl7.org/fhir/R4/operations.html — invoking operations that layers registered
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { OperationInvocation } from '../operations/operation-registry.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import type { RouteMatch } from '../router/match-route.ts';

export type Rehearse = OperationInvocation['rehearse'];

export async function invokeOperation(engine: Engine, context: InteractionContext, req: FhirRequest, match: RouteMatch, rehearse: Rehearse): Promise<FhirResponse> {
  const { name, level } = match.operation!;
  const spec = engine.operations.find(name, level, match.resourceType);
  if (!spec) throw FhirErrors.unknownOperation([`$${name}`]);
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (method !== 'GET' && method !== 'POST') throw FhirErrors.methodNotAllowed([req.method, `$${name}`]);
  if (!spec.methods.includes(method)) throw FhirErrors.methodNotAllowed([req.method, `$${name}`]);
  return spec.handler({ engine, request: req, context, level, resourceType: match.resourceType, id: match.id, rehearse });
}

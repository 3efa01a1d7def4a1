// https://hl7.org/fhir/R4/http.html#patch (JSON Patch, RFC 6902, and FHIRPath Patch) and conditional patch
import type { Parameters, Resource } from '@medplum/fhirtypes';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import { limitLabel, type FhirLimits } from '../limits.ts';
import { valueShapeProblem } from '../value-shape.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { assertValidId } from '../resource-body.ts';
import { findForCondition } from '../search/run-search.ts';
import { writeResource } from '../write/write-resource.ts';
import { applyFhirPathPatch } from './fhirpath-patch.ts';
import { applyJsonPatch, parseJsonPatch, type GrowthBounds } from './json-patch.ts';
import { queryString } from './query-string.ts';

/**
 * A patch may not build more than a client could send as a body (`BODY_LIMIT_BYTES`): `copy` duplicates a subtree,
 * so thirty copies of a resource into itself would otherwise build a billion values. The value count is bounded as
 * well, at ten times the largest real resource: copying a quarter of a million small values costs about as much event
 * loop as a full-size body.
 */
const MAX_PATCHED_NODES = 250_000;

function isFhirPathPatch(body: unknown): body is Parameters {
  return typeof body === 'object' && body !== null && (body as { resourceType?: unknown }).resourceType === 'Parameters';
}

/** Builds the function that turns the current version into the patched one, for either patch format. */
function patcher(engine: Engine, body: unknown): (current: Resource) => Resource {
  const { limits, maxResourceBytes } = engine.config;
  const bounds: GrowthBounds = { maxBytes: maxResourceBytes, maxNodes: MAX_PATCHED_NODES, bytesLabel: `BODY_LIMIT_BYTES=${maxResourceBytes}` };
  if (isFhirPathPatch(body)) return (current) => checked(current, applyFhirPathPatch(engine.defs, current, body), limits, bounds);
  const operations = parseJsonPatch(body);
  return (current) => checked(current, applyJsonPatch(structuredClone(current), operations, bounds) as Resource, limits, bounds);
}

/**
 * The patched resource is checked as a body would be: moves and inserts can nest it deeper, step by step, than any
 * body the parser let through, and everything after this (validation, indexing) walks it recursively.
 */
function checked(current: Resource, patched: Resource, limits: FhirLimits, bounds: GrowthBounds): Resource {
  if (patched === null || typeof patched !== 'object' || patched.resourceType !== current.resourceType) {
    throw FhirErrors.patchFailed(['a patch may not change the resource type'], { expression: ['resourceType'] });
  }
  if (patched.id !== current.id) throw FhirErrors.patchFailed(['a patch may not change the id'], { expression: ['id'] });
  const problem = valueShapeProblem(patched, { maxDepth: limits.maxJsonDepth, maxArrayItems: limits.maxArrayItems, maxNodes: bounds.maxNodes, maxBytes: bounds.maxBytes });
  if (problem === 'too-deep') throw FhirErrors.patchTooLarge([`it would nest deeper than ${limits.maxJsonDepth} levels (${limitLabel(limits, 'maxJsonDepth')})`]);
  if (problem === 'too-long') throw FhirErrors.patchTooLarge([`it would have a list of more than ${limits.maxArrayItems} items (${limitLabel(limits, 'maxArrayItems')})`]);
  if (problem === 'too-many-nodes') throw FhirErrors.patchTooLarge([`it would hold more than ${bounds.maxNodes} values`]);
  if (problem === 'too-large') throw FhirErrors.patchTooLarge([`it would be larger than ${bounds.maxBytes} bytes (${bounds.bytesLabel})`]);
  return patched;
}

export async function patch(engine: Engine, context: InteractionContext, req: FhirRequest, type: string, id: string): Promise<FhirResponse> {
  assertValidId(id);
  const result = await writeResource(engine, context, { operation: 'patch', resourceType: type, id, patch: patcher(engine, req.body), ifMatch: req.headers.ifMatch });
  return { status: 200, resource: result.resource, json: result.json, versionId: String(result.versionId), lastModified: result.lastUpdated, representsStored: true };
}

export async function conditionalPatch(engine: Engine, context: InteractionContext, req: FhirRequest, type: string): Promise<FhirResponse> {
  const query = queryString(req.query);
  if (query === '') throw FhirErrors.conditionalEmpty(['patch']);
  return engine.repo.transaction(async (tx) => {
    const matches = await findForCondition(engine, type, query, context, tx, 2);
    if (matches.length === 0) throw FhirErrors.conditionalNoMatch([type, query]);
    if (matches.length > 1) throw FhirErrors.conditionalMultiple([type, query]);
    return patch({ ...engine, repo: tx }, context, req, type, matches[0]!.id);
  });
}

// https://hl7.org/fhir/R4/http.html#patch (JSON Patch, RFC 6902, and FHIRPath Patch) and conditional patch
import type { Parameters, Resource } from '@medplum/fhirtypes';
import fastJsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import { limitLabel, type FhirLimits } from '../limits.ts';
import { countNodes, valueShapeProblem } from '../value-shape.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { assertValidId } from '../resource-body.ts';
import { findForCondition } from '../search/run-search.ts';
import { writeResource } from '../write/write-resource.ts';
import { applyFhirPathPatch } from './fhirpath-patch.ts';
import { queryString } from './query-string.ts';

const { applyOperation, getValueByPointer, validate } = fastJsonPatch;

/**
 * A patch may not build more than a client could send as a body: `copy` duplicates a subtree, so thirty copies of a
 * resource into itself would otherwise build a billion values. A 5 MiB body holds at most about a million.
 */
const MAX_PATCHED_NODES = 1_000_000;

function parsePatch(body: unknown): Operation[] {
  if (!Array.isArray(body)) throw FhirErrors.invalidPatch(['the body must be a JSON Patch array (application/json-patch+json) or a FHIRPath Patch Parameters resource']);
  const error = validate(body as Operation[]);
  if (error) throw FhirErrors.invalidPatch([`operation ${error.index}: ${error.message.split('\n')[0]}`]);
  return body as Operation[];
}

function isFhirPathPatch(body: unknown): body is Parameters {
  return typeof body === 'object' && body !== null && (body as { resourceType?: unknown }).resourceType === 'Parameters';
}

/** Builds the function that turns the current version into the patched one, for either patch format. */
function patcher(engine: Engine, body: unknown): (current: Resource) => Resource {
  const { limits } = engine.config;
  if (isFhirPathPatch(body)) return (current) => checked(current, applyFhirPathPatch(engine.defs, current, body), limits);
  const operations = parsePatch(body);
  return (current) => checked(current, applyJsonPatch(current, operations), limits);
}

/** Applies the operations one by one, so a `copy` that would grow the resource past the bound is refused before it runs. */
function applyJsonPatch(current: Resource, operations: Operation[]): Resource {
  let document = structuredClone(current);
  let nodes = countNodes(document, MAX_PATCHED_NODES);
  operations.forEach((operation, index) => {
    try {
      if (operation.op === 'copy') nodes += countNodes(getValueByPointer(document, operation.from), MAX_PATCHED_NODES);
    } catch {
      // A pointer that does not resolve: applyOperation below says so.
    }
    if (nodes > MAX_PATCHED_NODES) throw FhirErrors.patchTooLarge([`operation ${index} copies it past ${MAX_PATCHED_NODES} values`]);
    try {
      document = applyOperation(document, operation, true, true, true, index).newDocument;
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0]! : 'failed';
      throw FhirErrors.patchFailed([message]);
    }
  });
  return document;
}

/**
 * The patched resource is checked as a body would be: moves and inserts can nest it deeper, step by step, than any
 * body the parser let through, and everything after this (validation, indexing) walks it recursively.
 */
function checked(current: Resource, patched: Resource, limits: FhirLimits): Resource {
  if (patched === null || typeof patched !== 'object' || patched.resourceType !== current.resourceType) {
    throw FhirErrors.patchFailed(['a patch may not change the resource type'], { expression: ['resourceType'] });
  }
  if (patched.id !== current.id) throw FhirErrors.patchFailed(['a patch may not change the id'], { expression: ['id'] });
  const problem = valueShapeProblem(patched, { maxDepth: limits.maxJsonDepth, maxArrayItems: limits.maxArrayItems, maxNodes: MAX_PATCHED_NODES });
  if (problem === 'too-deep') throw FhirErrors.patchTooLarge([`it would nest deeper than ${limits.maxJsonDepth} levels (${limitLabel(limits, 'maxJsonDepth')})`]);
  if (problem === 'too-long') throw FhirErrors.patchTooLarge([`it would have a list of more than ${limits.maxArrayItems} items (${limitLabel(limits, 'maxArrayItems')})`]);
  if (problem === 'too-many-nodes') throw FhirErrors.patchTooLarge([`it would hold more than ${MAX_PATCHED_NODES} values`]);
  return patched;
}

export async function patch(engine: Engine, context: InteractionContext, req: FhirRequest, type: string, id: string): Promise<FhirResponse> {
  assertValidId(id);
  const result = await writeResource(engine, context, { operation: 'patch', resourceType: type, id, patch: patcher(engine, req.body), ifMatch: req.headers.ifMatch });
  return { status: 200, resource: result.resource, versionId: String(result.versionId), lastModified: result.lastUpdated, representsStored: true };
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

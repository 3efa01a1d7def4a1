// https://hl7.org/fhir/R4/fhirpatch.html — FHIRPath Patch: a Parameters resource of add/insert/delete/replace/move
import type { Parameters, ParametersParameter, Resource } from '@medplum/fhirtypes';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import type { FhirDefinitions } from '../definitions/load-definitions.ts';
import { FhirErrors } from '../errors.ts';

/** The part of fhirpath's internal node that says where a value sits in its parent. */
interface Node {
  data: unknown;
  propName: string | null;
  index: number | null;
  fhirNodeDataType?: string;
  parentResNode: Node | null;
  fullPropertyName?: () => string;
}

type Container = Record<string, unknown>;

interface Operation {
  type: string;
  path: string;
  name?: string;
  value?: unknown;
  index?: number;
  source?: number;
  destination?: number;
  at: string;
}

/** Longer than any path into a resource needs; the FHIRPath parser recurses per bracket, so nesting is bounded too. */
const MAX_PATH_LENGTH = 1000;
const MAX_PATH_NESTING = 16;

/** How deeply the brackets of an expression nest, outside its quoted strings and names. */
function nesting(path: string): number {
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '`' || c === '"') quote = c;
    else if (c === '(' || c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return deepest;
}

function select(resource: Resource, op: Operation): Node[] {
  const refuse = (why: string) => FhirErrors.invalidPatch([`path ${why}`], { expression: [op.at] });
  if (op.path.length > MAX_PATH_LENGTH) throw refuse(`is longer than ${MAX_PATH_LENGTH} characters`);
  if (nesting(op.path) > MAX_PATH_NESTING) throw refuse(`nests brackets deeper than ${MAX_PATH_NESTING} levels`);
  try {
    return fhirpath.evaluate(resource, op.path, undefined, r4 as never, { resolveInternalTypes: false }) as unknown as Node[];
  } catch (err) {
    // The engine's own text names its internals; the client needs to know which path, not why inside the engine.
    if (err instanceof RangeError) throw refuse(`"${op.path}" is too deeply nested to evaluate`);
    throw refuse(`"${op.path}" is not a valid FHIRPath expression for this resource`);
  }
}

/** A value[x] part, or nested parts that build a complex value without a data type of its own. */
function partValue(part: ParametersParameter): unknown {
  const key = Object.keys(part).find((k) => k.startsWith('value'));
  if (key) return (part as unknown as Record<string, unknown>)[key];
  if (part.part) return Object.fromEntries(part.part.map((p) => [p.name, partValue(p)]));
  return undefined;
}

function parseOperations(body: Parameters): Operation[] {
  return (body.parameter ?? []).map((param, i) => {
    const at = `Parameters.parameter[${i}]`;
    if (param.name !== 'operation') throw FhirErrors.invalidPatch([`parameter ${i} must be named "operation"`], { expression: [`${at}.name`] });
    const parts = new Map((param.part ?? []).map((p) => [p.name, p]));
    const type = parts.get('type')?.valueCode;
    const path = parts.get('path')?.valueString;
    if (!type || !path) throw FhirErrors.invalidPatch([`operation ${i} needs a type and a path`], { expression: [at] });
    const int = (n: string) => parts.get(n)?.valueInteger;
    return { type, path, name: parts.get('name')?.valueString, value: parts.has('value') ? partValue(parts.get('value')!) : undefined, index: int('index'), source: int('source'), destination: int('destination'), at };
  });
}

function single(nodes: Node[], op: Operation): Node {
  if (nodes.length !== 1) throw FhirErrors.patchFailed([`${op.type}: path "${op.path}" matches ${nodes.length} elements; it must match exactly one`], { expression: [op.at] });
  return nodes[0]!;
}

function elementRepeats(defs: FhirDefinitions, container: Node, name: string): boolean {
  const type = container.fhirNodeDataType ?? '';
  const isInline = type === 'BackboneElement' || type === 'Element' || !defs.baseStructures.has(type);
  const base = isInline ? container.fullPropertyName?.() ?? '' : type;
  const root = defs.baseStructures.get(base.split('.')[0]!);
  const element = root?.snapshot?.element?.find((e) => e.path === `${base}.${name}` || e.path === `${base}.${name}[x]`);
  return element?.base?.max === '*' || element?.max === '*';
}

function listOf(nodes: Node[], op: Operation): { parent: Container; key: string; list: unknown[] } {
  const first = nodes[0];
  const parent = first?.parentResNode?.data as Container | undefined;
  if (!first?.propName || !parent || !Array.isArray(parent[first.propName])) throw FhirErrors.patchFailed([`${op.type}: path "${op.path}" is not a list`], { expression: [op.at] });
  return { parent, key: first.propName, list: parent[first.propName] as unknown[] };
}

function removeAt(parent: Container, key: string, index: number | null): void {
  const current = parent[key];
  if (index !== null && Array.isArray(current)) {
    current.splice(index, 1);
    if (current.length === 0) delete parent[key];
  } else delete parent[key];
}

function apply(defs: FhirDefinitions, resource: Resource, op: Operation): void {
  const nodes = select(resource, op);
  if (op.type === 'delete') {
    if (nodes.length === 0) return;
    const node = single(nodes, op);
    if (!node.propName || !node.parentResNode) throw FhirErrors.patchFailed(['the resource itself cannot be deleted by a patch'], { expression: [op.at] });
    return removeAt(node.parentResNode.data as Container, node.propName, node.index);
  }
  if (op.value === undefined && op.type !== 'move') throw FhirErrors.invalidPatch([`${op.type} needs a value`], { expression: [op.at] });
  if (op.type === 'replace') {
    const node = single(nodes, op);
    if (!node.propName || !node.parentResNode) throw FhirErrors.patchFailed(['the resource itself cannot be replaced by a patch'], { expression: [op.at] });
    const parent = node.parentResNode.data as Container;
    if (node.index !== null) (parent[node.propName] as unknown[])[node.index] = op.value;
    else parent[node.propName] = op.value;
    return;
  }
  if (op.type === 'add') {
    if (!op.name) throw FhirErrors.invalidPatch(['add needs a name'], { expression: [op.at] });
    const container = single(nodes, op);
    const target = container.data as Container;
    if (Array.isArray(target[op.name])) (target[op.name] as unknown[]).push(op.value);
    else if (target[op.name] !== undefined) throw FhirErrors.patchFailed([`add: "${op.name}" already has a value; use replace`], { expression: [op.at] });
    else target[op.name] = elementRepeats(defs, container, op.name) ? [op.value] : op.value;
    return;
  }
  const { list } = listOf(nodes, op);
  const inRange = (i: number | undefined, max: number): i is number => i !== undefined && i >= 0 && i <= max;
  if (op.type === 'insert') {
    if (!inRange(op.index, list.length)) throw FhirErrors.patchFailed([`insert: index ${op.index} is outside the list`], { expression: [op.at] });
    list.splice(op.index, 0, op.value);
    return;
  }
  if (op.type === 'move') {
    if (!inRange(op.source, list.length - 1) || !inRange(op.destination, list.length - 1)) throw FhirErrors.patchFailed(['move: source or destination is outside the list'], { expression: [op.at] });
    const [item] = list.splice(op.source, 1);
    list.splice(op.destination, 0, item);
    return;
  }
  throw FhirErrors.invalidPatch([`unknown operation type "${op.type}"`], { expression: [`${op.at}.part`] });
}

/** Applies a FHIRPath Patch to a copy of `current`; the caller checks id and type did not change. */
export function applyFhirPathPatch(defs: FhirDefinitions, current: Resource, body: Parameters): Resource {
  const operations = parseOperations(body);
  const copy = structuredClone(current);
  for (const op of operations) apply(defs, copy, op);
  return copy;
}

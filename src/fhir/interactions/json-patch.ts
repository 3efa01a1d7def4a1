// RFC 6902 JSON Patch and RFC 6901 JSON Pointer, applied in place to a copy of the resource, with what the patch
// builds bounded as it grows: `copy` can double the resource with every operation.
import { FhirErrors } from '../errors.ts';
import { copyWithin, measureValue, type ValueSize } from '../value-shape.ts';

export interface JsonPatchOperation {
  readonly op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

export interface GrowthBounds {
  readonly maxBytes: number;
  readonly maxNodes: number;
  /** How the byte bound is named in the refusal: `BODY_LIMIT_BYTES=5242880`. */
  readonly bytesLabel: string;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/** Checks the shape of every operation before any is applied, so a malformed patch is 400 whatever the resource. */
export function parseJsonPatch(body: unknown): JsonPatchOperation[] {
  if (!Array.isArray(body)) throw FhirErrors.invalidPatch(['the body must be a JSON Patch array (application/json-patch+json) or a FHIRPath Patch Parameters resource']);
  return body.map((operation: unknown, index) => {
    const invalid = (text: string) => FhirErrors.invalidPatch([`operation ${index}: ${text}`]);
    if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) throw invalid('must be an object');
    const { op, path, from } = operation as Record<string, unknown>;
    if (typeof op !== 'string' || !OPS.has(op)) throw invalid('"op" must be one of add, remove, replace, move, copy, test');
    if (typeof path !== 'string') throw invalid('"path" must be a string');
    pointerTokens(path, index, 'path');
    if (op === 'move' || op === 'copy') {
      if (typeof from !== 'string') throw invalid(`${op} needs a "from" string`);
      pointerTokens(from, index, 'from');
    }
    if ((op === 'add' || op === 'replace' || op === 'test') && !Object.hasOwn(operation, 'value')) throw invalid(`${op} needs a "value"`);
    return operation as JsonPatchOperation;
  });
}

/** The reference tokens of a pointer; `__proto__` would reach the object's prototype instead of a member. */
function pointerTokens(pointer: string, index: number, name: 'path' | 'from'): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw FhirErrors.invalidPatch([`operation ${index}: "${name}" must be empty or start with "/"`]);
  const tokens = pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (tokens.includes('__proto__')) throw FhirErrors.invalidPatch([`operation ${index}: "${name}" uses the reserved key __proto__`]);
  return tokens;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Applies the operations one by one to `document` (changed in place), refusing the one that grows it past the bounds. */
export function applyJsonPatch(document: unknown, operations: readonly JsonPatchOperation[], bounds: GrowthBounds): unknown {
  let size: ValueSize = { bytes: 0, nodes: 0 };
  const measured = (value: unknown) => measureValue(value, { bytes: bounds.maxBytes - size.bytes, nodes: bounds.maxNodes - size.nodes });
  // Nothing removed is subtracted: what a patch builds is bounded, not only what it leaves, so copying and removing
  // in turn cannot make it work without end.
  const grow = (added: ValueSize, index?: number) => {
    size = { bytes: size.bytes + added.bytes, nodes: size.nodes + added.nodes };
    const subject = index === undefined ? 'it already is' : `operation ${index} would make it`;
    if (size.bytes > bounds.maxBytes) throw FhirErrors.patchTooLarge([`${subject} larger than ${bounds.maxBytes} bytes (${bounds.bytesLabel})`]);
    if (size.nodes > bounds.maxNodes) throw FhirErrors.patchTooLarge([`${subject} more than ${bounds.maxNodes} values`]);
  };
  grow(measured(document));
  operations.forEach((operation, index) => {
    const path = pointerTokens(operation.path, index, 'path');
    const at = new Pointer(document, index);
    switch (operation.op) {
      case 'add':
        grow(measured(operation.value), index);
        document = at.add(path, operation.value);
        break;
      case 'remove':
        at.remove(path);
        break;
      case 'replace':
        grow(measured(operation.value), index);
        at.get(path, 'path');
        document = path.length === 0 ? operation.value : (at.remove(path), at.add(path, operation.value));
        break;
      case 'move': {
        const from = pointerTokens(operation.from!, index, 'from');
        if (from.length < path.length && from.every((token, i) => token === path[i])) throw FhirErrors.patchFailed([`operation ${index}: cannot move a value into itself`]);
        const value = at.get(from, 'from');
        at.remove(from);
        document = at.add(path, value);
        break;
      }
      case 'copy': {
        const value = at.get(pointerTokens(operation.from!, index, 'from'), 'from');
        const copied = copyWithin(value, { bytes: bounds.maxBytes - size.bytes, nodes: bounds.maxNodes - size.nodes });
        grow(copied.size, index);
        document = at.add(path, copied.copy);
        break;
      }
      case 'test':
        if (!sameJson(at.get(path, 'path'), operation.value)) throw FhirErrors.patchFailed([`operation ${index}: test failed: the value at "${operation.path}" differs`]);
        break;
    }
  });
  return document;
}

/** Reads and writes one document by reference tokens, naming the operation in every refusal. */
class Pointer {
  private readonly root: unknown;
  private readonly index: number;

  constructor(root: unknown, index: number) {
    this.root = root;
    this.index = index;
  }

  private fail(text: string): Error {
    return FhirErrors.patchFailed([`operation ${this.index}: ${text}`]);
  }

  private missing(tokens: readonly string[], name: string): Error {
    return this.fail(`"${name}" /${tokens.map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')} does not exist`);
  }

  get(tokens: readonly string[], name: 'path' | 'from'): unknown {
    let current = this.root;
    for (const token of tokens) {
      if (Array.isArray(current) && ARRAY_INDEX.test(token) && Number(token) < current.length) current = current[Number(token)];
      else if (isContainer(current) && !Array.isArray(current) && Object.hasOwn(current, token)) current = current[token];
      else throw this.missing(tokens, name);
    }
    return current;
  }

  /** Adds at the pointer and returns the document, which is the value itself when the pointer is the root. */
  add(tokens: readonly string[], value: unknown): unknown {
    if (tokens.length === 0) return value;
    const parent = this.get(tokens.slice(0, -1), 'path');
    const key = tokens.at(-1)!;
    if (Array.isArray(parent)) {
      const position = key === '-' ? parent.length : ARRAY_INDEX.test(key) ? Number(key) : -1;
      if (position < 0 || position > parent.length) throw this.fail(`"${key}" is not a position in the list at "path"`);
      parent.splice(position, 0, value);
    } else if (isContainer(parent)) (parent as Record<string, unknown>)[key] = value;
    else throw this.fail('"path" does not lead into an object or a list');
    return this.root;
  }

  remove(tokens: readonly string[]): void {
    if (tokens.length === 0) throw this.fail('the resource itself cannot be removed');
    this.get(tokens, 'path');
    const parent = this.get(tokens.slice(0, -1), 'path') as Container;
    const key = tokens.at(-1)!;
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Record<string, unknown>)[key];
  }
}

/** JSON equality (RFC 6902 §4.6), without recursion: a patch can nest a resource deeper than the stack allows. */
function sameJson(a: unknown, b: unknown): boolean {
  const pairs: [unknown, unknown][] = [[a, b]];
  while (pairs.length > 0) {
    const [x, y] = pairs.pop()!;
    if (!isContainer(x) || !isContainer(y)) {
      if (x !== y) return false;
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(y, key)) return false;
      pairs.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]]);
    }
  }
  return true;
}

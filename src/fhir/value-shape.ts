/** What makes a parsed JSON value too costly to walk: the counterpart of `http/json-depth.ts` for built values. */
export type ValueShapeProblem = 'too-deep' | 'too-long' | 'too-many-nodes' | 'too-large';

export interface ShapeBounds {
  readonly maxDepth: number;
  readonly maxArrayItems: number;
  /** Objects, arrays and primitives together. */
  readonly maxNodes: number;
  /** Its size as JSON, estimated as `measureValue` does. */
  readonly maxBytes: number;
}

/**
 * Measures a value built on the server (a patched resource) without recursion, so that measuring it cannot overflow
 * the stack that validation and indexing would overflow. Stops as soon as a bound is passed.
 */
export function valueShapeProblem(value: unknown, bounds: ShapeBounds): ValueShapeProblem | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  let bytes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > bounds.maxNodes) return 'too-many-nodes';
    bytes += ownSize(current);
    if (bytes > bounds.maxBytes) return 'too-large';
    if (typeof current !== 'object' || current === null) continue;
    if (depth > bounds.maxDepth) return 'too-deep';
    const children = Array.isArray(current) ? current : Object.values(current);
    if (Array.isArray(current) && current.length > bounds.maxArrayItems) return 'too-long';
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}

export interface ValueSize {
  /** Its size as JSON, estimated: strings count their characters, escapes are not counted. */
  readonly bytes: number;
  /** Objects, arrays and primitives together. */
  readonly nodes: number;
}

/**
 * How large a value is, measuring no further than just past `budget`: a caller adding up what a request builds
 * stops at its bound, so measuring costs no more than the bound allows to be built.
 */
export function measureValue(value: unknown, budget: ValueSize): ValueSize {
  const stack: unknown[] = [value];
  let nodes = 0;
  let bytes = 0;
  while (stack.length > 0 && nodes <= budget.nodes && bytes <= budget.bytes) {
    const current = stack.pop();
    nodes++;
    bytes += ownSize(current);
    if (typeof current === 'object' && current !== null) for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push(child);
  }
  return { bytes, nodes };
}

/** A value's own share of its JSON text: brackets, keys and separators of an object or list, or the primitive. */
function ownSize(value: unknown): number {
  if (typeof value === 'string') return value.length + 3;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value).length + 1;
  if (typeof value !== 'object' || value === null) return 5;
  if (Array.isArray(value)) return 3;
  let size = 3;
  for (const key in value) if (Object.hasOwn(value, key)) size += key.length + 3;
  return size;
}

/**
 * A deep copy of a JSON value and its size, built without recursion and given up (undefined) as soon as it passes
 * `budget`: copying and measuring in one walk, so that what is refused is never copied in full.
 */
export function copyWithin(value: unknown, budget: ValueSize): { copy: unknown; size: ValueSize } | { copy?: undefined; size: ValueSize } {
  const root: { value?: unknown } = {};
  const stack: [unknown, Record<string, unknown> | unknown[], string | number][] = [[value, root as Record<string, unknown>, 'value']];
  let nodes = 0;
  let bytes = 0;
  while (stack.length > 0) {
    const [current, parent, key] = stack.pop()!;
    nodes++;
    bytes += ownSize(current);
    if (nodes > budget.nodes || bytes > budget.bytes) return { size: { bytes, nodes } };
    if (typeof current !== 'object' || current === null) {
      (parent as Record<string | number, unknown>)[key] = current;
    } else if (Array.isArray(current)) {
      const list: unknown[] = new Array(current.length);
      (parent as Record<string | number, unknown>)[key] = list;
      for (let i = 0; i < current.length; i++) stack.push([current[i], list, i]);
    } else {
      const object: Record<string, unknown> = {};
      (parent as Record<string | number, unknown>)[key] = object;
      for (const [k, v] of Object.entries(current)) {
        object[k] = undefined;
        stack.push([v, object, k]);
      }
    }
  }
  return { copy: root.value, size: { bytes, nodes } };
}

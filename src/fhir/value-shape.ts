/** What makes a parsed JSON value too costly to walk: the counterpart of `http/json-depth.ts` for built values. */
export type ValueShapeProblem = 'too-deep' | 'too-long' | 'too-many-nodes';

export interface ShapeBounds {
  readonly maxDepth: number;
  readonly maxArrayItems: number;
  /** Objects, arrays and primitives together. */
  readonly maxNodes: number;
}

/**
 * Measures a value built on the server (a patched resource) without recursion, so that measuring it cannot overflow
 * the stack that validation and indexing would overflow. Stops as soon as a bound is passed.
 */
export function valueShapeProblem(value: unknown, bounds: ShapeBounds): ValueShapeProblem | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++nodes > bounds.maxNodes) return 'too-many-nodes';
    if (typeof current !== 'object' || current === null) continue;
    if (depth > bounds.maxDepth) return 'too-deep';
    const children = Array.isArray(current) ? current : Object.values(current);
    if (Array.isArray(current) && current.length > bounds.maxArrayItems) return 'too-long';
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** How many nodes a value has, counting no further than `budget + 1`. */
export function countNodes(value: unknown, budget: number): number {
  const stack: unknown[] = [value];
  let nodes = 0;
  while (stack.length > 0 && nodes <= budget) {
    const current = stack.pop();
    nodes++;
    if (typeof current === 'object' && current !== null) for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push(child);
  }
  return nodes;
}

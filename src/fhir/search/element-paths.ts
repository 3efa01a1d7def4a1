import type { StructureDefinition } from '@medplum/fhirtypes';
import { splitUnion } from '../definitions/split-expression.ts';
import type { TypedValue } from './index-values.ts';

/**
 * Most search-parameter expressions are plain element paths (`Task.owner`, `Patient.address.city`), some with a
 * reference-type filter (`Task.for.where(resolve() is Patient)`). Those are read here straight from the JSON, with
 * each value's FHIR type taken from the base definitions, at a fraction of fhirpath.js's cost (it builds a typed
 * node for every step). Anything else (choice elements, functions, casts) stays with fhirpath.js. The two are
 * held to the same answers by a test over the conformance corpus.
 */
export type PathEvaluator = (resource: object) => TypedValue[];

const STEP = /^[a-z][A-Za-z0-9]*$/;
const REFERENCE_FILTER = /^(.*)\.where\(resolve\(\)\s+is\s+([A-Z][A-Za-z]+)\)$/;
// Element types that carry their children in their own structure's element list.
const INLINE = new Set(['BackboneElement', 'Element']);

interface Branch {
  readonly steps: readonly string[];
  readonly type: string;
  readonly referenceTo?: string;
}

/** The element type of `Type.step.step…`, following data types into their own definitions; undefined when not one plain type. */
function pathType(structures: ReadonlyMap<string, StructureDefinition>, resourceType: string, steps: readonly string[]): string | undefined {
  let structure = structures.get(resourceType);
  let prefix = resourceType;
  let type: string | undefined;
  for (const step of steps) {
    if (!structure || !STEP.test(step)) return undefined;
    const path = `${prefix}.${step}`;
    const element = structure.snapshot?.element?.find((e) => e.path === path);
    const codes = element?.type?.map((t) => t.code) ?? [];
    if (!element || element.contentReference || codes.length !== 1) return undefined;
    type = codes[0]!;
    if (INLINE.has(type)) {
      prefix = path;
    } else {
      structure = structures.get(type);
      prefix = type;
    }
  }
  // Types given as a FHIRPath system URL (Element.id, Extension.url) keep fhirpath.js's own naming.
  return type && !type.includes('/') && !INLINE.has(type) ? type : undefined;
}

function compileBranch(structures: ReadonlyMap<string, StructureDefinition>, resourceType: string, expression: string): Branch | undefined {
  const filtered = REFERENCE_FILTER.exec(expression);
  const path = filtered ? filtered[1]! : expression;
  const [head, ...steps] = path.split('.');
  if (head !== resourceType || steps.length === 0) return undefined;
  const type = pathType(structures, resourceType, steps);
  if (!type || (filtered && type !== 'Reference')) return undefined;
  return { steps, type, referenceTo: filtered?.[2] };
}

/** What fhirpath.js's rewritten `resolve() is T` keeps: the reference names the type, or its `type` does. */
function refersTo(value: unknown, type: string): boolean {
  const { reference, type: declared } = value as { reference?: unknown; type?: unknown };
  if (typeof reference === 'string' && (reference.startsWith(`${type}/`) || reference.includes(`/${type}/`))) return true;
  return declared === type;
}

function collect(node: unknown, steps: readonly string[], at: number, out: unknown[]): void {
  if (node === undefined || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, steps, at, out);
    return;
  }
  if (at === steps.length) {
    out.push(node);
    return;
  }
  if (typeof node !== 'object') return;
  collect((node as Record<string, unknown>)[steps[at]!], steps, at + 1, out);
}

/** An evaluator for `expression` on `resourceType`, or undefined when it is more than element paths. */
export function compileElementPaths(structures: ReadonlyMap<string, StructureDefinition>, resourceType: string, expression: string): PathEvaluator | undefined {
  const branches: Branch[] = [];
  for (const part of splitUnion(expression)) {
    const branch = compileBranch(structures, resourceType, part);
    if (!branch) return undefined;
    branches.push(branch);
  }
  const evaluate = (resource: object): TypedValue[] => {
    const out: TypedValue[] = [];
    for (const branch of branches) {
      const values: unknown[] = [];
      collect(resource, branch.steps, 0, values);
      for (const value of values) {
        if (branch.referenceTo !== undefined && !refersTo(value, branch.referenceTo)) continue;
        out.push({ type: branch.type, value });
      }
    }
    return out;
  };
  // FHIRPath's `|` is a union: a value that two branches both find counts once.
  return branches.length === 1 ? evaluate : (resource) => distinct(evaluate(resource));
}

function distinct(values: TypedValue[]): TypedValue[] {
  if (values.length < 2) return values;
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = `${v.type} ${JSON.stringify(v.value)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

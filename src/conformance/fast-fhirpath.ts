/**
 * Compiles FHIR invariants (FHIRPath) into closures over plain JSON, once, at start.
 *
 * Why: fhirpath.js wraps every node in model objects and took 40–600 µs per invariant on our resources (bsn
 * elfproef, per-1, the Consent rules); the same expressions compiled here take about 1 µs. The subset covers what
 * invariants use (paths, where/all/exists/select, comparisons, string functions, three-valued logic); an
 * expression outside it is not compiled (fhirpath.js runs it), and a value outside it at run time (a date against
 * a dateTime, complex equality) throws NeedsFhirpathJs so fhirpath.js answers that one evaluation. The
 * differential test (fast-fhirpath.test.ts) runs both engines on every invariant over the corpus.
 */
import { Parser, Unsupported, type FpNode } from './fhirpath-parser.ts';
import { NO_VALUE, type Collection } from './fhirpath-values.ts';
import { compileBinary, compileFunction } from './fhirpath-functions.ts';

/** How one path step reads JSON: which keys (all `[x]` variants for a choice), whether the element is primitive. */
export interface FastStep {
  readonly keys: readonly string[];
  /** undefined when the type is not known (below a Resource-typed element). */
  readonly primitive: boolean | undefined;
  /** The model path of the element's children, for the next step; undefined when not known. */
  readonly next: string | undefined;
  /** The element's FHIR type; undefined for a choice or an unknown type. */
  readonly type?: string;
}

export interface FastPathResolver {
  step(context: string | undefined, name: string): FastStep | undefined;
}

export interface Env {
  readonly resource: unknown;
  readonly rootResource: unknown;
  readonly self: unknown;
}

/** What is known at compile time about a collection: where its children are, and its FHIR type. */
export interface StaticType {
  readonly context: string | undefined;
  readonly type: string | undefined;
  readonly primitive: boolean | undefined;
  /** True below a Resource-typed element: names are plain JSON keys. */
  readonly open: boolean;
  /** For a choice element: its JSON keys, so ofType() can pick one. */
  readonly choice?: { readonly stem: string; readonly parent: Compiled };
}

export type Eval = (input: Collection, env: Env) => Collection;

export interface Compiled {
  readonly fn: Eval;
  readonly type: StaticType;
}

export interface CompileScope {
  readonly resolver: FastPathResolver;
  /** The type at the start of the base path (`Patient` for `Patient.contact`), what `%resource` is. */
  readonly rootType: string;
  readonly input: StaticType;
}

function readKey(node: Record<string, unknown>, key: string, primitive: boolean | undefined, out: Collection): void {
  const value = node[key];
  const companion = primitive === false ? undefined : node[`_${key}`];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v !== null && v !== undefined) out.push(v);
      else if (Array.isArray(companion) && companion[i] != null) out.push(NO_VALUE);
    }
  } else if (value !== undefined && value !== null) {
    out.push(value);
  } else if (Array.isArray(companion)) {
    for (const c of companion) if (c != null) out.push(NO_VALUE);
  } else if (companion !== undefined && companion !== null) {
    out.push(NO_VALUE);
  }
}

export function navigate(keys: readonly string[], primitive: boolean | undefined): (nodes: Collection) => Collection {
  // A choice such as fixed[x] has ~50 JSON names: scan the few keys an object has instead of probing every name.
  if (keys.length > 4) {
    const names = new Set(keys);
    return (nodes) => {
      const out: Collection = [];
      for (const node of nodes) {
        if (typeof node !== 'object' || node === null) continue;
        for (const key of Object.keys(node)) {
          const name = key.charCodeAt(0) === 95 ? key.slice(1) : key;
          if (!names.has(name) || (key !== name && name in node)) continue;
          readKey(node as Record<string, unknown>, name, primitive, out);
        }
      }
      return out;
    };
  }
  return (nodes) => {
    const out: Collection = [];
    for (const node of nodes) {
      if (typeof node !== 'object' || node === null) continue;
      for (const key of keys) readKey(node as Record<string, unknown>, key, primitive, out);
    }
    return out;
  };
}

const OPEN: StaticType = { context: undefined, type: undefined, primitive: undefined, open: true };

function member(node: Extract<FpNode, { kind: 'member' }>, scope: CompileScope): Compiled {
  if (!node.target && node.name === scope.input.type && scope.input.type === scope.rootType) return { fn: (input) => input, type: scope.input };
  const base = node.target ? compileNode(node.target, scope) : { fn: ((input) => input) as Eval, type: scope.input };
  let step: FastStep | undefined;
  if (base.type.open) step = { keys: [node.name], primitive: undefined, next: undefined };
  else if (base.type.context !== undefined) step = scope.resolver.step(base.type.context, node.name);
  if (!step) throw new Unsupported(`path ${node.name}`);
  const move = navigate(step.keys, step.primitive);
  const fn: Eval = (input, env) => move(base.fn(input, env));
  // A Resource-typed element (contained, Bundle.entry.resource) has no static children: below it, names are plain keys.
  const open = base.type.open || (step.next === undefined && step.primitive !== true && step.keys.length === 1);
  return {
    fn,
    type: { context: step.next, type: step.type, primitive: step.primitive, open, ...(step.keys.length > 1 ? { choice: { stem: node.name, parent: base } } : {}) },
  };
}

function variable(name: string, scope: CompileScope): Compiled {
  if (name === 'resource') return { fn: (_i, env) => [env.resource], type: { context: scope.rootType, type: scope.rootType, primitive: false, open: false } };
  if (name === 'rootResource') return { fn: (_i, env) => [env.rootResource], type: OPEN };
  if (name === 'ucum') return { fn: () => ['http://unitsofmeasure.org'], type: { context: undefined, type: 'string', primitive: true, open: false } };
  throw new Unsupported(`%${name}`);
}

export function compileNode(node: FpNode, scope: CompileScope): Compiled {
  switch (node.kind) {
    case 'literal':
      return { fn: () => [node.value], type: { context: undefined, type: node.type, primitive: true, open: false } };
    case 'empty':
      return { fn: () => [], type: OPEN };
    case 'this':
      return { fn: (input, env) => (env.self !== undefined ? [env.self] : input), type: scope.input };
    case 'var':
      return variable(node.name, scope);
    case 'member':
      return member(node, scope);
    case 'call':
      return compileFunction(node, scope);
    case 'binary':
      return compileBinary(node, scope);
  }
}

/** The invariant as a closure; `passes` (invariants.ts) decides what counts as holding. */
export function compileFastInvariant(
  expression: string,
  basePath: string,
  resolver: FastPathResolver,
  passes: (result: Collection) => boolean,
): ((node: unknown, resource: unknown, rootResource: unknown) => boolean) | undefined {
  try {
    const rootType = basePath.split('.')[0]!;
    const input: StaticType = { context: basePath, type: basePath.includes('.') ? undefined : basePath, primitive: false, open: false };
    const { fn } = compileNode(new Parser(expression).parse(), { resolver, rootType, input });
    return (node, resource, rootResource) => passes(fn([node], { resource, rootResource, self: undefined }));
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}


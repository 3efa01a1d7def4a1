// https://hl7.org/fhirpath/N1/#functions and #operations — the functions and operators of the compiled subset
import { compileNode, navigate, type Compiled, type CompileScope, type Env, type StaticType } from './fast-fhirpath.ts';
import { Unsupported, type FpNode } from './fhirpath-parser.ts';
import { NO_VALUE, NeedsFhirpathJs, and, bool, compare, equals, implies, or, regexFor, single, truth, union, type Collection } from './fhirpath-values.ts';

type Call = Extract<FpNode, { kind: 'call' }>;
type Binary = Extract<FpNode, { kind: 'binary' }>;

const DATE_TYPES = new Set(['date', 'dateTime', 'instant']);
const BOOLEAN: StaticType = { context: undefined, type: 'boolean', primitive: true, open: false };
const STRING: StaticType = { context: undefined, type: 'string', primitive: true, open: false };
const INTEGER: StaticType = { context: undefined, type: 'integer', primitive: true, open: false };

const OPEN_TYPE: StaticType = { context: undefined, type: undefined, primitive: undefined, open: true };

/** The child elements of a node (fhirpath.html#children): each property value, array items flattened; `_x` companions without value count as elements. */
function childrenOf(node: unknown): Collection {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const out: Collection = [];
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === 'resourceType') continue;
    if (key.charCodeAt(0) === 95) {
      if (!(key.slice(1) in record)) out.push(...[record[key]].flat().filter((v) => v != null).map(() => NO_VALUE));
      continue;
    }
    const value = record[key];
    if (Array.isArray(value)) out.push(...value.filter((v) => v != null));
    else if (value != null) out.push(value);
  }
  return out;
}

function descendantsOf(nodes: Collection): Collection {
  const out: Collection = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const children = childrenOf(stack.pop());
    out.push(...children);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

const boolFn = (f: (input: Collection, env: Env) => boolean | undefined): Compiled => ({ fn: (input, env) => bool(f(input, env)), type: BOOLEAN });

/** Evaluates `criteria` once per item of the input, with that item as `$this`. */
function perItem(criteria: Compiled): (item: unknown, env: Env) => boolean | undefined {
  return (item, env) => truth(criteria.fn([item], { resource: env.resource, rootResource: env.rootResource, self: item }));
}

function stringFn(target: Compiled, args: Compiled[], f: (s: string, a: unknown[]) => unknown): Compiled {
  return {
    fn: (input, env) => {
      const s = single(target.fn(input, env));
      const values = args.map((a) => single(a.fn(input, env)));
      if (typeof s !== 'string' || values.some((v) => v === undefined)) return [];
      const r = f(s, values);
      return r === undefined ? [] : [r];
    },
    type: BOOLEAN,
  };
}

/** ofType(T): on a choice element, read only its `[x]` key for T; on resources, keep those of resourceType T. */
function ofType(target: Compiled, typeName: string, scope: CompileScope): Compiled {
  const choice = target.type.choice;
  if (choice) {
    const key = `${choice.stem}${typeName.charAt(0).toUpperCase()}${typeName.slice(1)}`;
    const step = choice.parent.type.context ? scope.resolver.step(choice.parent.type.context, key) : undefined;
    if (!step) return { fn: () => [], type: target.type };
    const move = navigate(step.keys, step.primitive);
    return { fn: (input, env) => move(choice.parent.fn(input, env)), type: { context: step.next, type: step.type, primitive: step.primitive, open: false } };
  }
  if (target.type.open) {
    return { fn: (input, env) => target.fn(input, env).filter((v) => (v as { resourceType?: unknown })?.resourceType === typeName), type: { context: typeName, type: typeName, primitive: false, open: false } };
  }
  if (target.type.type === typeName) return target;
  throw new Unsupported(`ofType(${typeName}) on ${target.type.type}`);
}

function typeArg(node: FpNode | undefined): string {
  if (node?.kind !== 'member' || node.target) throw new Unsupported('type argument');
  return node.name;
}

function withCriteria(name: string, target: Compiled, criteria: Compiled): Compiled {
  const test = perItem(criteria);
  switch (name) {
    case 'where':
      return { fn: (input, env) => target.fn(input, env).filter((item) => test(item, env) === true), type: target.type };
    case 'exists':
      return boolFn((input, env) => target.fn(input, env).some((item) => test(item, env) === true));
    case 'all':
      return boolFn((input, env) => target.fn(input, env).every((item) => test(item, env) === true));
    case 'select':
      return {
        fn: (input, env) => target.fn(input, env).flatMap((item) => criteria.fn([item], { resource: env.resource, rootResource: env.rootResource, self: item })),
        type: criteria.type,
      };
    default:
      throw new Unsupported(name);
  }
}

function simple(name: string, t: Compiled): Compiled | undefined {
  const f = t.fn;
  switch (name) {
    case 'exists': return boolFn((i, e) => f(i, e).length > 0);
    case 'empty': return boolFn((i, e) => f(i, e).length === 0);
    case 'count': return { fn: (i, e) => [f(i, e).length], type: INTEGER };
    case 'not': return boolFn((i, e) => { const b = truth(f(i, e)); return b === undefined ? undefined : !b; });
    case 'hasValue':
      if (t.type.primitive === false) return boolFn(() => false);
      return boolFn((i, e) => { const c = f(i, e); return c.length === 1 && c[0] !== NO_VALUE && typeof c[0] !== 'object'; });
    case 'first': return { fn: (i, e) => f(i, e).slice(0, 1), type: t.type };
    case 'last': return { fn: (i, e) => f(i, e).slice(-1), type: t.type };
    case 'tail': return { fn: (i, e) => f(i, e).slice(1), type: t.type };
    case 'distinct': return { fn: (i, e) => union(f(i, e), []), type: t.type };
    case 'isDistinct': return boolFn((i, e) => { const c = f(i, e); return union(c, []).length === c.length; });
    case 'allTrue': return boolFn((i, e) => f(i, e).every((v) => v === true));
    case 'anyTrue': return boolFn((i, e) => f(i, e).some((v) => v === true));
    case 'allFalse': return boolFn((i, e) => f(i, e).every((v) => v === false));
    case 'anyFalse': return boolFn((i, e) => f(i, e).some((v) => v === false));
    case 'children': return { fn: (i, e) => f(i, e).flatMap((n) => childrenOf(n)), type: OPEN_TYPE };
    case 'descendants': return { fn: (i, e) => descendantsOf(f(i, e)), type: OPEN_TYPE };
    case 'length': return { fn: (i, e) => { const s = single(f(i, e)); return typeof s === 'string' ? [s.length] : []; }, type: INTEGER };
    case 'toInteger': return { fn: (i, e) => { const v = single(f(i, e)); return Number.isInteger(v) ? [v] : typeof v === 'string' && /^[+-]?\d+$/.test(v) ? [Number(v)] : []; }, type: INTEGER };
    default: return undefined;
  }
}

export function compileFunction(node: Call, scope: CompileScope): Compiled {
  const target: Compiled = node.target ? compileNode(node.target, scope) : { fn: (input) => input, type: scope.input };
  if (node.name === 'trace') return target;
  if (node.name === 'ofType') return ofType(target, typeArg(node.args[0]), scope);
  if (node.name === 'extension') {
    const url = node.args[0];
    if (url?.kind !== 'literal' || typeof url.value !== 'string') throw new Unsupported('extension()');
    const ext = compileNode({ kind: 'member', ...(node.target ? { target: node.target } : {}), name: 'extension' }, scope);
    return { fn: (i, e) => ext.fn(i, e).filter((x) => (x as { url?: unknown })?.url === url.value), type: ext.type };
  }
  if (node.args.length === 0) {
    const compiled = simple(node.name, target);
    if (compiled) return compiled;
  }
  if (['where', 'exists', 'all', 'select'].includes(node.name) && node.args.length === 1) {
    return withCriteria(node.name, target, compileNode(node.args[0]!, { ...scope, input: target.type }));
  }
  const args = node.args.map((a) => compileNode(a, scope));
  switch (node.name) {
    case 'startsWith': return stringFn(target, args, (s, [p]) => typeof p === 'string' ? s.startsWith(p) : undefined);
    case 'endsWith': return stringFn(target, args, (s, [p]) => typeof p === 'string' ? s.endsWith(p) : undefined);
    case 'contains': return stringFn(target, args, (s, [p]) => typeof p === 'string' ? s.includes(p) : undefined);
    case 'matches': return stringFn(target, args, (s, [p]) => typeof p === 'string' ? regexFor(p).test(s) : undefined);
    case 'substring': return { ...stringFn(target, args, (s, [start, length]) => (typeof start === 'number' && start < s.length ? s.substring(start, typeof length === 'number' ? start + length : undefined) : undefined)), type: STRING };
    case 'iif': return iif(args, node.args.length);
    case 'combine': return { fn: (i, e) => [...target.fn(i, e), ...(args[0]?.fn(i, e) ?? [])], type: target.type };
    case 'union': return { fn: (i, e) => union(target.fn(i, e), args[0]?.fn(i, e) ?? []), type: target.type };
    default: throw new Unsupported(`${node.name}()`);
  }
}

function iif(args: Compiled[], count: number): Compiled {
  if (count < 2 || count > 3) throw new Unsupported('iif arity');
  const [cond, yes, no] = args as [Compiled, Compiled, Compiled | undefined];
  return { fn: (i, e) => (truth(cond.fn(i, e)) === true ? yes.fn(i, e) : no ? no.fn(i, e) : []), type: yes.type };
}

/** Whether a comparison is between dates: decided by the static types; an unknown type with date-like strings asks fhirpath.js. */
function dateMode(a: StaticType, b: StaticType): boolean | 'check' {
  if (DATE_TYPES.has(a.type ?? '') || DATE_TYPES.has(b.type ?? '')) return true;
  return a.type === undefined || b.type === undefined ? 'check' : false;
}

const DATE_LIKE = /^\d{4}(-\d{2}(-\d{2})?)?(T|$)/;

function datesFor(mode: boolean | 'check', a: unknown, b: unknown): boolean {
  if (mode !== 'check') return mode;
  if (typeof a === 'string' && typeof b === 'string' && (DATE_LIKE.test(a) || DATE_LIKE.test(b))) throw new NeedsFhirpathJs('untyped date comparison');
  return false;
}

/** Integer arithmetic (the BSN elfproef); decimals and quantities are left to fhirpath.js. */
function arithmetic(op: string, x: unknown, y: unknown): Collection {
  if (x === undefined || y === undefined) return [];
  if (!Number.isInteger(x) || !Number.isInteger(y)) throw new NeedsFhirpathJs(`${op} on non-integers`);
  const a = x as number;
  const b = y as number;
  if (op === '*') return [a * b];
  if (op === '-') return [a - b];
  if (b === 0) return [];
  return op === 'mod' ? [a % b] : [Math.trunc(a / b)];
}

export function compileBinary(node: Binary, scope: CompileScope): Compiled {
  const l = compileNode(node.left, scope);
  const r = compileNode(node.right, scope);
  const both = (f: (a: Collection, b: Collection) => Collection, type: StaticType = BOOLEAN): Compiled => ({ fn: (i, e) => f(l.fn(i, e), r.fn(i, e)), type });
  const mode = dateMode(l.type, r.type);
  switch (node.op) {
    case 'and': return both((a, b) => bool(and(truth(a), truth(b))));
    case 'or': return both((a, b) => bool(or(truth(a), truth(b))));
    case 'xor': return both((a, b) => { const x = truth(a); const y = truth(b); return x === undefined || y === undefined ? [] : [x !== y]; });
    case 'implies': return both((a, b) => bool(implies(truth(a), truth(b))));
    case '=': case '!=': return both((a, b) => {
      const x = single(a); const y = single(b);
      const eq = equals(x, y, datesFor(mode, x, y));
      return eq === undefined ? [] : [node.op === '=' ? eq : !eq];
    });
    case '<': case '>': case '<=': case '>=': return both((a, b) => { const x = single(a); const y = single(b); return bool(compare(node.op, x, y, datesFor(mode, x, y))); });
    case '|': return both((a, b) => union(a, b), l.type);
    case 'in': return both((a, b) => { const x = single(a); return x === undefined ? [] : [b.some((y) => equals(x, y, false) === true)]; });
    case 'contains': return both((a, b) => { const y = single(b); return y === undefined ? [] : [a.some((x) => equals(x, y, false) === true)]; });
    case '&': return both((a, b) => [`${String(single(a) ?? '')}${String(single(b) ?? '')}`], STRING);
    case '*': case '-': case 'mod': case 'div': return both((a, b) => arithmetic(node.op, single(a), single(b)), l.type);
    case '+': return both((a, b) => {
      const x = single(a); const y = single(b);
      if (x === undefined || y === undefined) return [];
      if (typeof x === 'number' && typeof y === 'number') return [x + y];
      if (typeof x === 'string' && typeof y === 'string') return [x + y];
      throw new NeedsFhirpathJs('+ on these types');
    }, l.type);
    default: throw new Unsupported(node.op);
  }
}


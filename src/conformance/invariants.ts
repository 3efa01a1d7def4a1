import type { ElementDefinitionConstraint } from '@medplum/fhirtypes';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4/index.js';
import { compileFastInvariant, type FastPathResolver } from './fast-fhirpath.ts';
import { NeedsFhirpathJs, regexFor } from './fhirpath-values.ts';
import { nativeInvariant } from './native-invariants.ts';

/** What `%resource` and `%rootResource` stand for where an invariant is evaluated (fhirpath.html#variables). */
export interface InvariantScope {
  readonly resource: unknown;
  readonly rootResource: unknown;
}

/** One `ElementDefinition.constraint`, compiled once: `holds` answers true, false, or throws when it cannot be evaluated. */
export interface Invariant {
  readonly key: string;
  readonly severity: 'error' | 'warning';
  readonly human: string;
  readonly expression: string;
  /** `native` (native-invariants.ts), `fast` (compiled to a closure by fast-fhirpath.ts) or `fhirpath` (HL7's fhirpath.js). */
  readonly engine: 'native' | 'fast' | 'fhirpath';
  /** The same invariant run by fhirpath.js, the reference the fast engines are tested against. */
  readonly reference: (node: unknown, scope: InvariantScope, type?: string) => boolean;
  /** `type` is the value's type where the element is a choice (`value[x]`), so fhirpath.js knows what it is evaluating. */
  readonly holds: (node: unknown, scope: InvariantScope, type?: string) => boolean;
}

const BEST_PRACTICE = 'http://hl7.org/fhir/StructureDefinition/elementdefinition-bestpractice';

/**
 * ele-1 ("hasValue() or (children().count() > id.count())") is checked by the structure walk itself (no empty
 * objects, no element with only an id), which is exact and far cheaper than evaluating it on every element.
 */
const CHECKED_BY_STRUCTURE = new Set(['ele-1']);

/**
 * fhirpath.js compiles `matches()` patterns in Unicode mode, which refuses the redundant escapes (`\'`, `\/`) of
 * several HL7 invariants (eld-16, eld-19, eld-20); the same pattern without the `u` flag means what HL7 meant.
 */
function lenientMatches(coll: unknown[], regex: unknown): boolean | [] {
  const item = coll.length === 1 ? (coll[0] as { data?: unknown } | string) : undefined;
  const text = typeof item === 'string' ? item : item?.data;
  if (typeof text !== 'string' || typeof regex !== 'string') return [];
  return regexFor(regex).test(text);
}

const OPTIONS = {
  // trace() in some HL7 invariants (ref-1) would otherwise print to stdout.
  traceFn: () => undefined,
  userInvocationTable: { matches: { fn: lenientMatches, arity: { 1: ['String'] } } },
};

type Compiled = (node: unknown, env: Record<string, unknown>) => unknown[];

/**
 * A constraint holds when its expression is true: false fails, and so does empty (FHIRPath's "unknown", e.g. per-1
 * comparing "2023-06-21" with "2023-06-21T06:20:00Z"), as in the HL7 validator and @medplum/core. Where the R4
 * expressions are empty on valid content (ref-1 on a Reference with only a display) native-invariants.ts answers.
 */
export function passes(result: readonly unknown[]): boolean {
  return result.length > 0 && !(result.length === 1 && result[0] === false);
}

/**
 * fhirpath.js compiles on first use (most invariants of the ~150 resource types never meet a value), once per
 * concrete type for a choice element (`Observation.effectiveDateTime`), since a bare JSON string has no FHIR type.
 */
function slowHolds(basePath: string, expression: string, choice: boolean): Invariant['holds'] {
  const compiled = new Map<string, Compiled>();
  return (node, scope, type) => {
    const base = choice && type ? `${basePath}${type.charAt(0).toUpperCase()}${type.slice(1)}` : basePath;
    let fn = compiled.get(base);
    if (!fn) compiled.set(base, (fn = fhirpath.compile({ base, expression }, r4Model, OPTIONS as object) as Compiled));
    return passes(fn(node, { resource: scope.resource, rootResource: scope.rootResource }));
  };
}

type Fast = NonNullable<ReturnType<typeof compileFastInvariant>>;

/** The compiled closure, and fhirpath.js for the rare value it leaves open (NeedsFhirpathJs). */
function withFallback(fast: Fast, reference: Invariant['holds']): Invariant['holds'] {
  return (node, scope, type) => {
    try {
      return fast(node, scope.resource, scope.rootResource);
    } catch (err) {
      if (err instanceof NeedsFhirpathJs) return reference(node, scope, type);
      throw err;
    }
  };
}

/**
 * Compiles the invariants of the definitions once, shared by every StructureDefinition that repeats them (the
 * snapshots copy each inherited constraint onto every element). Best-practice constraints (dom-6: "should have
 * narrative") are guidance, not conformance rules, so they are not checked, as the HL7 validator does by default.
 */
export class InvariantCompiler {
  private readonly cache = new Map<string, Invariant | null>();
  private readonly resolver: FastPathResolver;

  constructor(resolver: FastPathResolver) {
    this.resolver = resolver;
  }

  /** Every invariant compiled so far (for the differential test and measurements). */
  all(): Invariant[] {
    return [...this.cache.values()].filter((i): i is Invariant => i !== null);
  }

  compile(constraint: ElementDefinitionConstraint, basePath: string, choice = false): Invariant | undefined {
    const { key, expression } = constraint;
    if (!key || !expression || CHECKED_BY_STRUCTURE.has(key)) return undefined;
    if (constraint.extension?.some((e) => e.url === BEST_PRACTICE && e.valueBoolean === true)) return undefined;
    const cacheKey = `${basePath}${choice ? '[x]' : ''}\u0000${expression}`;
    const known = this.cache.get(cacheKey);
    if (known !== undefined) return known ?? undefined;
    const reference = slowHolds(basePath, expression, choice);
    const native = nativeInvariant(key, expression);
    const fast = native || choice ? undefined : compileFastInvariant(expression, basePath, this.resolver, passes);
    const holds: Invariant['holds'] = native ?? (fast ? withFallback(fast, reference) : reference);
    const invariant: Invariant = {
      key,
      severity: constraint.severity === 'warning' ? 'warning' : 'error',
      human: constraint.human ?? key,
      expression,
      engine: native ? 'native' : fast ? 'fast' : 'fhirpath',
      holds,
      reference,
    };
    this.cache.set(cacheKey, invariant);
    return invariant;
  }
}

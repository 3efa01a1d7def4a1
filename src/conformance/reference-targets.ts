// https://hl7.org/fhir/R4/references.html — which resource type a Reference points to, and whether that is allowed
import type { InvariantScope } from './invariants.ts';

const LITERAL = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const CONDITIONAL = /^([A-Z][A-Za-z]+)\?/;

/** The client's `contained` may be anything (an object, a string): the structure check reports that, this must not throw. */
function containedType(id: string, scope: InvariantScope): string | undefined {
  const contained = (scope.rootResource as { contained?: unknown } | undefined)?.contained;
  if (!Array.isArray(contained)) return undefined;
  const found = (contained as unknown[]).find((c) => (c as { id?: unknown } | null)?.id === id) as { resourceType?: unknown } | undefined;
  return typeof found?.resourceType === 'string' ? found.resourceType : undefined;
}

/**
 * The resource type a reference names: `Patient/1`, `http://x/fhir/Patient/1/_history/2`, `Patient?identifier=…`
 * (conditional, in transactions) or `#id` (a contained resource). undefined for `urn:uuid:` and `urn:oid:`
 * (Bundle-internal: the type is only known once resolved) and anything else that does not say.
 */
export function referencedType(reference: string, scope: InvariantScope): string | undefined {
  if (reference.startsWith('#')) return containedType(reference.slice(1), scope);
  if (reference.startsWith('urn:')) return undefined;
  return (CONDITIONAL.exec(reference) ?? LITERAL.exec(reference))?.[1];
}

/** Why a Reference value does not point to one of the allowed types, or undefined when it does (or cannot be told). */
export function targetProblem(value: unknown, allowed: ReadonlySet<string>, scope: InvariantScope): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = value as { reference?: unknown; type?: unknown };
  const expected = () => [...allowed].join(', ');
  if (typeof ref.type === 'string' && !allowed.has(ref.type)) {
    return `Reference.type "${ref.type}" is not an allowed target here (allowed: ${expected()})`;
  }
  if (typeof ref.reference !== 'string') return undefined;
  const type = referencedType(ref.reference, scope);
  if (type === undefined || allowed.has(type)) return undefined;
  return `The reference "${ref.reference.length > 80 ? `${ref.reference.slice(0, 80)}…` : ref.reference}" points to a ${type}, which is not allowed here (allowed: ${expected()})`;
}

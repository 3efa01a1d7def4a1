import type { InvariantScope } from './invariants.ts';

/**
 * Hand-written equivalents of two base invariants that fhirpath.js cannot evaluate well, recognised by key and by
 * the start of their expression (a profile that redefines the key with another expression is left to fhirpath.js).
 *
 * dom-3 walks every `descendants()` of the resource (slow), and fhirpath.js throws on its `descendants().as(canonical)`
 * when there is more than one descendant ("Expected singleton"), so the rule would never be checked. ref-1 runs on every
 * Reference of every write.
 */
type Holds = (node: unknown, scope: InvariantScope) => boolean;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Every string value below `node` (arrays and objects included); the references, canonicals and uris among them. */
function collectStrings(node: unknown, into: Set<string>): void {
  if (typeof node === 'string') into.add(node);
  else if (Array.isArray(node)) for (const v of node) collectStrings(v, into);
  else if (isObject(node)) for (const v of Object.values(node)) collectStrings(v, into);
}

/**
 * dom-3: "If the resource is contained in another resource, it SHALL be referred to from elsewhere in the resource
 * or SHALL refer to the containing resource". Any string equal to `#id` counts as a reference to it (the expression
 * looks at reference, canonical, uri and url values; other strings of exactly that form do not occur in practice).
 */
const dom3: Holds = (node) => {
  const contained = isObject(node) ? node.contained : undefined;
  if (!Array.isArray(contained) || contained.length === 0) return true;
  const strings = new Set<string>();
  collectStrings(node, strings);
  return contained.every((c) => {
    if (!isObject(c) || typeof c.id !== 'string') return true;
    if (strings.has(`#${c.id}`)) return true;
    const inside = new Set<string>();
    collectStrings(c, inside);
    return inside.has('#');
  });
};

/** ref-1: "SHALL have a contained resource if a local reference is provided" (`#` alone is the container itself). */
const ref1: Holds = (node, scope) => {
  const reference = isObject(node) ? node.reference : undefined;
  if (typeof reference !== 'string' || !reference.startsWith('#') || reference === '#') return true;
  const root = scope.rootResource;
  const contained = isObject(root) && Array.isArray(root.contained) ? root.contained : [];
  return contained.some((c) => isObject(c) && c.id === reference.slice(1));
};

/*
 * txt-1 and txt-2 (`htmlChecks()`) stay with fhirpath.js: its hand-written XHTML scanner takes about 20 µs per
 * kilobyte of narrative, and a regex-based quick check written here was slower (measured, then removed).
 */
const NATIVE: Record<string, { prefix: string; holds: Holds }> = {
  'dom-3': { prefix: 'contained.where(', holds: dom3 },
  'ref-1': { prefix: "reference.startsWith('#').not()", holds: ref1 },
};

export function nativeInvariant(key: string, expression: string): Holds | undefined {
  const native = NATIVE[key];
  return native && expression.startsWith(native.prefix) ? native.holds : undefined;
}

/**
 * Attachment.size is "the number of bytes of data that make up this attachment (before base64 encoding)"
 * (datatypes.html#Attachment): when both are given they must agree. Not an R4 invariant, so it has its own key.
 */
const attachmentSize: Holds = (node) => {
  if (!isObject(node) || typeof node.data !== 'string' || typeof node.size !== 'number') return true;
  return Buffer.from(node.data.replace(/\s/g, ''), 'base64').length === node.size;
};

/** Rules on data types that the definitions state in words only, checked like invariants of that type. */
export const TYPE_RULES: Readonly<Record<string, readonly { key: string; human: string; holds: Holds }[]>> = {
  Attachment: [{ key: 'att-size', human: 'Attachment.size must be the number of bytes in Attachment.data', holds: attachmentSize }],
};

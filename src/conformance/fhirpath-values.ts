/**
 * Values and operators of the compiled FHIRPath subset (fast-fhirpath.ts): collections are plain arrays of JSON
 * values, with NO_VALUE for a primitive that has extensions but no value. Semantics follow FHIRPath N1: empty
 * propagates through operators, `and`/`or` use three-valued logic, and dates compare by precision.
 */
export const NO_VALUE = Symbol('no value');

/** Thrown when a value needs semantics this subset does not implement; the caller asks fhirpath.js instead. */
export class NeedsFhirpathJs extends Error {}

export type Collection = unknown[];

/** The one value of a collection, undefined when empty (or only an element without value); an error when more. */
export function single(c: Collection): unknown {
  if (c.length === 0) return undefined;
  if (c.length > 1) throw new Error(`expected a single value, found ${c.length}`);
  return c[0] === NO_VALUE ? undefined : c[0];
}

/** Singleton evaluation of collections in a boolean context (fhirpath.html#boolean-evaluation-of-collections). */
export function truth(c: Collection): boolean | undefined {
  const v = single(c);
  if (v === undefined) return c.length === 1 ? true : undefined;
  return typeof v === 'boolean' ? v : true;
}

export const bool = (b: boolean | undefined): Collection => (b === undefined ? [] : [b]);

export function and(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : undefined;
}

export function or(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === true || b === true) return true;
  return a === false && b === false ? false : undefined;
}

export function implies(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === false) return true;
  if (a === true) return b;
  return b === true ? true : undefined;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T.*)?)?)?$/;

/** Dates, dateTimes and instants: −1, 0 or 1, or undefined when precision leaves it open (FHIRPath: empty). */
export function compareDates(a: string, b: string): number | undefined {
  const ma = DATE.exec(a);
  const mb = DATE.exec(b);
  if (!ma || !mb) throw new NeedsFhirpathJs('not a date');
  if (ma[4] !== undefined && mb[4] !== undefined) {
    // With a time FHIR requires seconds and a timezone, so both are instants on one time line.
    const ta = Date.parse(a);
    const tb = Date.parse(b);
    if (Number.isNaN(ta) || Number.isNaN(tb) || /\.\d{4,}/.test(a + b)) throw new NeedsFhirpathJs('time');
    return Math.sign(ta - tb);
  }
  if (ma[4] !== undefined || mb[4] !== undefined) throw new NeedsFhirpathJs('date against dateTime');
  for (let i = 1; i <= 3; i++) {
    const x = ma[i];
    const y = mb[i];
    if (x === undefined || y === undefined) return x === y ? 0 : undefined;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** `<`, `>`, `<=`, `>=` on numbers, strings, or dates (when either side is a date type). */
export function compare(op: string, a: unknown, b: unknown, dates: boolean): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  let order: number | undefined;
  if (dates && typeof a === 'string' && typeof b === 'string') order = compareDates(a, b);
  else if (typeof a === 'number' && typeof b === 'number') order = Math.sign(a - b);
  else if (typeof a === 'string' && typeof b === 'string') order = a < b ? -1 : a > b ? 1 : 0;
  else throw new NeedsFhirpathJs('comparison of these types');
  if (order === undefined) return undefined;
  return op === '<' ? order < 0 : op === '>' ? order > 0 : op === '<=' ? order <= 0 : order >= 0;
}

/** `=` on two single values; undefined when dates leave it open. Complex values are left to fhirpath.js. */
export function equals(a: unknown, b: unknown, dates: boolean): boolean | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'object' || typeof b === 'object') throw new NeedsFhirpathJs('complex equality');
  if (dates && typeof a === 'string' && typeof b === 'string') {
    const order = compareDates(a, b);
    return order === undefined ? undefined : order === 0;
  }
  return a === b;
}

/** Union (`|`, combine without duplicates); complex values are equal when their JSON is. */
export function union(a: Collection, b: Collection): Collection {
  const out: Collection = [];
  const seen = new Set<unknown>();
  for (const v of [...a, ...b]) {
    const key = typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

const regexes = new Map<string, RegExp>();

/** `matches()`: a partial match as in FHIRPath N1; HL7's patterns with redundant escapes compile without the `u` flag. */
export function regexFor(pattern: string): RegExp {
  let re = regexes.get(pattern);
  if (!re) {
    try {
      re = new RegExp(pattern, 'us');
    } catch {
      re = new RegExp(pattern, 's');
    }
    regexes.set(pattern, re);
  }
  return re;
}

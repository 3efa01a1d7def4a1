// https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.fixed_x_ and #ElementDefinition.pattern_x_

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * fixed[x]: the value must be exactly the fixed one; "missing elements/attributes must also be missing". An
 * element's own `id` is not content and is ignored.
 */
export function equalsFixed(value: unknown, fixed: unknown): boolean {
  if (Array.isArray(fixed)) {
    return Array.isArray(value) && value.length === fixed.length && fixed.every((f, i) => equalsFixed(value[i], f));
  }
  if (isObject(fixed)) {
    if (!isObject(value)) return false;
    const keys = Object.keys(value).filter((k) => k !== 'id');
    const fixedKeys = Object.keys(fixed).filter((k) => k !== 'id');
    return keys.length === fixedKeys.length && fixedKeys.every((k) => equalsFixed(value[k], fixed[k]));
  }
  return value === fixed;
}

/**
 * pattern[x]: every property of the pattern must be in the value and match recursively; for an array, each item of
 * the pattern must match some item of the value. Anything else in the value is allowed.
 */
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return false;
    return pattern.every((p) => value.some((v) => matchesPattern(v, p)));
  }
  if (isObject(pattern)) {
    if (!isObject(value)) return false;
    return Object.keys(pattern).every((k) => matchesPattern(value[k], pattern[k]));
  }
  return value === pattern;
}

/** A short rendering of a fixed or pattern value for messages. */
export function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

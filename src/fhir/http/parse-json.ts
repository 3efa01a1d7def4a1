import { FhirErrors } from '../errors.ts';

/** Keys that, once a parsed body is merged or copied, reach an object's prototype instead of a member. */
const RESERVED = /"(?:__proto__|constructor)"\s*:/;

/**
 * Parses a JSON body, refusing prototype-poisoning keys (`__proto__`, and `constructor` holding a `prototype`), with
 * the refusal in our words and, for a syntax error, its position: the parser's own text can quote the body.
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw FhirErrors.malformedJson([position(text, err instanceof Error ? err.message : '')]);
  }
  if (RESERVED.test(text)) {
    const key = reservedKey(value);
    if (key) throw FhirErrors.reservedJsonKey([key]);
  }
  return value;
}

function position(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  if (!at) {
    if (/end of JSON|Unterminated/i.test(message)) return 'it ends too soon';
    const token = /^Unexpected token '(.)'/.exec(message);
    return token ? `unexpected ${JSON.stringify(token[1])}` : 'it cannot be read';
  }
  const offset = Number(at[1]);
  if (offset >= text.trimEnd().length) return 'it ends too soon';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `unexpected character at line ${line}, column ${column} (position ${offset})`;
}

/** The first reserved key in a parsed value, walked without recursion (the depth limit ran before the parse). */
function reservedKey(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null) continue;
    if (!Array.isArray(current)) {
      if (Object.hasOwn(current, '__proto__')) return '__proto__';
      const ctor = (current as Record<string, unknown>).constructor;
      if (Object.hasOwn(current, 'constructor') && typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype')) return 'constructor.prototype';
    }
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push(child);
  }
  return undefined;
}

const PRIMITIVES = new Set([
  'base64Binary', 'boolean', 'canonical', 'code', 'date', 'dateTime', 'decimal', 'id', 'instant', 'integer', 'markdown',
  'oid', 'positiveInt', 'string', 'time', 'unsignedInt', 'uri', 'url', 'uuid', 'xhtml',
]);

export function isPrimitiveType(type: string): boolean {
  return PRIMITIVES.has(type);
}

const MAX_STRING = 1024 * 1024;

/** The regexes of date, dateTime and instant allow day 31 in every month; the value must name a real day (datatypes.html#date). */
function isRealDay(value: string): boolean {
  if (value.length < 10) return true;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The JSON representation rules of https://hl7.org/fhir/R4/json.html#primitive for one value; undefined when fine. */
export function checkPrimitive(type: string, value: unknown, pattern: RegExp | undefined): string | undefined {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${JSON.stringify(value)}`;
    case 'integer':
    case 'positiveInt':
    case 'unsignedInt': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `must be a whole JSON number (${type}), got ${JSON.stringify(value)}`;
      const min = type === 'positiveInt' ? 1 : type === 'unsignedInt' ? 0 : -2147483648;
      return value < min || value > 2147483647 ? `${value} is out of range for ${type}` : undefined;
    }
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a JSON number (decimal), got ${JSON.stringify(value)}`;
    case 'xhtml':
      return typeof value === 'string' && /^\s*<div[\s>]/.test(value) ? undefined : 'narrative must be an XHTML <div> element';
    default: {
      if (typeof value !== 'string') return `must be a JSON string (${type}), got ${JSON.stringify(value)}`;
      if (value.length > MAX_STRING) return `is longer than ${MAX_STRING} characters`;
      if (value.trim() === '' ) return `must not be empty or only white space (${type})`;
      // HL7's own string regex rejects some Unicode white space that its published content uses; only emptiness is checked for text.
      if (type === 'string' || type === 'markdown') return undefined;
      if (pattern && !pattern.test(value)) return `${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} is not a valid ${type}`;
      if ((type === 'date' || type === 'dateTime' || type === 'instant') && !isRealDay(value)) return `${JSON.stringify(value)} is not a valid ${type}: that day does not exist`;
      return undefined;
    }
  }
}

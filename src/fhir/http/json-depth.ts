/** What makes a JSON text too costly to parse and walk, found before `JSON.parse` builds anything. */
export type JsonShapeProblem = 'too-deep' | 'too-long';

/**
 * How deeply a JSON text nests objects and arrays, and how many items its longest array has, found by one pass over
 * the characters. A body of a million `[` would otherwise be parsed, and then overflow the stack of every recursive
 * walk after it (validation, FHIRPath, indexing); an array of a hundred thousand items overflows it too, in the
 * FHIRPath library, which spreads arrays into function arguments. Brackets and commas inside strings do not count;
 * escapes inside strings are skipped. The text need not be valid JSON: the parser still judges that.
 */
export function jsonShapeProblem(text: string, maxDepth: number, maxArrayItems = Infinity): JsonShapeProblem | undefined {
  let depth = 0;
  let inString = false;
  // Per open level: -1 for an object, else the commas seen so far in that array (items - 1).
  const commas = new Int32Array(maxDepth + 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped, whatever it is
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return 'too-deep';
      commas[depth] = c === 0x5b ? 0 : -1;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
    } else if (c === 0x2c && depth > 0 && commas[depth]! >= 0) {
      if (++commas[depth]! >= maxArrayItems) return 'too-long';
    }
  }
  return undefined;
}

export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  return jsonShapeProblem(text, maxDepth) === 'too-deep';
}

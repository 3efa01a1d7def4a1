/**
 * How deeply a JSON text nests objects and arrays, found by one pass over the characters before `JSON.parse` builds
 * anything: a body of a million `[` would otherwise be parsed, and then overflow the stack of every recursive walk
 * after it (validation, FHIRPath, indexing). Brackets inside strings do not count; escapes inside strings are skipped.
 * The text need not be valid JSON: the parser still judges that.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped, whatever it is
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

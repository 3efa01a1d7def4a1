/**
 * Search values escape their separators with a backslash: `\,` `\|` `\$` `\\`
 * (https://hl7.org/fhir/R4/search.html#escaping). Splitting must skip escaped separators,
 * and unescaping must wait until after splitting.
 */
export function splitEscaped(value: string, separator: ',' | '|' | '$'): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

export function unescapeValue(value: string): string {
  return value.replace(/\\([,|$\\])/g, '$1');
}

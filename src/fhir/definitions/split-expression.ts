/**
 * Base R4 SearchParameters share one expression across many resource types
 * ("AllergyIntolerance.patient | CarePlan.subject.where(resolve() is Patient) | ...").
 * These helpers keep the branches that apply to one type.
 */
export function splitUnion(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of expression) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === '|') {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function startsWithType(branch: string, types: readonly string[]): boolean {
  const stripped = branch.replace(/^\(+/, '');
  return types.some((t) => stripped === t || stripped.startsWith(`${t}.`) || stripped.startsWith(`${t} `));
}

/** The branches of `expression` for `resourceType`, joined again; undefined when none applies. */
export function expressionForType(expression: string | undefined, resourceType: string): string | undefined {
  if (!expression) return undefined;
  const generic = ['Resource', 'DomainResource'];
  const branches = splitUnion(expression).filter((b) => startsWithType(b, [resourceType, ...generic]));
  if (branches.length === 0) return undefined;
  return branches
    .map((b) => {
      const stripped = b.replace(/^\(+/, '');
      const typePrefix = generic.find((g) => stripped.startsWith(`${g}.`));
      return typePrefix ? b.replace(`${typePrefix}.`, `${resourceType}.`) : b;
    })
    .join(' | ');
}

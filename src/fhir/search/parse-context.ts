import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { BrugError } from '../../errors.ts';
import type { FhirDefinitions } from '../definitions/load-definitions.ts';
import type { SearchParameterInfo } from '../definitions/search-parameter-types.ts';
import { FhirErrors } from '../errors.ts';
import { limitLabel, type FhirLimits } from '../limits.ts';

/** What parsing one search needs, and where it collects its warnings. */
export interface ParseContext {
  readonly defs: FhirDefinitions;
  readonly baseUrl: string;
  /** `Prefer: handling=strict`: a parameter the server cannot honour fails the search instead of being ignored. */
  readonly strict: boolean;
  readonly warnings: OperationOutcomeIssue[];
  readonly limits: FhirLimits;
}

/**
 * Under lenient handling an unknown or unsupported parameter is left out and reported as a warning
 * (https://hl7.org/fhir/R4/search.html#errors); under strict handling it fails the search.
 */
export function ignoreOrThrow(ctx: ParseContext, error: BrugError): undefined {
  if (ctx.strict) throw error;
  if (!ctx.warnings.some((w) => w.diagnostics === error.message)) {
    ctx.warnings.push({ severity: 'warning', code: 'not-supported', diagnostics: error.message, expression: error.expression ? [...error.expression] : undefined });
  }
  return undefined;
}

/** A malformed value is always an error, whatever the handling preference. */
export function invalidValue(name: string, message: string): BrugError {
  return FhirErrors.invalidSearch([`Parameter "${name}": ${message}`], { expression: [name] });
}

export function unknownParameter(name: string, types: readonly string[]): BrugError {
  return FhirErrors.unknownSearchParameter([name, types.length > 3 ? 'a system-level search' : types.join(', ')], { expression: [name] });
}

/**
 * The parameter `code` as it applies to all of `types` (a system search may span several): it must exist
 * in each with the same type. Reference targets are merged.
 */
export function commonParameter(defs: FhirDefinitions, types: readonly string[], code: string): SearchParameterInfo | undefined {
  let first: SearchParameterInfo | undefined;
  const targets = new Set<string>();
  for (const type of types) {
    const info = defs.searchParameter(type, code);
    if (!info || (first && info.type !== first.type)) return undefined;
    first ??= info;
    for (const t of info.target) targets.add(t);
  }
  return first && types.length > 1 ? { ...first, target: [...targets] } : first;
}

/** `code:modifier` → [code, modifier]. */
export function splitModifier(name: string): [string, string | undefined] {
  const colon = name.indexOf(':');
  return colon < 0 ? [name, undefined] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** A search that asks for more work than a limit allows: always refused, naming the limit and the parameter. */
export function overLimit(ctx: ParseContext, key: keyof FhirLimits, name: string, message: string): BrugError {
  return FhirErrors.searchTooCostly([`Parameter "${name}": ${message} (${limitLabel(ctx.limits, key)})`], { expression: [name] });
}

import type { ValueSet, ValueSetComposeIncludeConceptDesignation } from '@medplum/fhirtypes';
import type { CanonicalIndex } from './canonical.ts';

/** A code of a system the server does not hold, as Brug's own value sets list it. */
export interface ListedCode {
  readonly display?: string;
  readonly designation: readonly ValueSetComposeIncludeConceptDesignation[];
  /** The value sets that list it (their canonical URLs). */
  readonly valueSets: readonly string[];
}

/**
 * The codes Brug's package lists from code systems it does not hold (ICPC-1-NL, SNOMED CT), by system and code. The
 * value set that lists a code is the only source of its display here, so `$lookup` answers from it rather than say
 * the code is unknown. Built once: the package does not change while the server runs.
 */
export class ListedCodes {
  private readonly codes = new Map<string, Map<string, ListedCode>>();

  constructor(packageIndex: CanonicalIndex, held: (system: string) => boolean) {
    for (const resource of packageIndex.all('ValueSet')) {
      const valueSet = resource as ValueSet;
      for (const include of valueSet.compose?.include ?? []) {
        if (!include.system || held(include.system)) continue;
        const bySystem = this.codes.get(include.system) ?? new Map<string, ListedCode>();
        this.codes.set(include.system, bySystem);
        for (const concept of include.concept ?? []) {
          const known = bySystem.get(concept.code);
          bySystem.set(concept.code, {
            display: known?.display ?? concept.display,
            designation: [...(known?.designation ?? []), ...(concept.designation ?? [])],
            valueSets: [...(known?.valueSets ?? []), ...(valueSet.url ? [valueSet.url] : [])],
          });
        }
      }
    }
  }

  get(system: string, code: string): ListedCode | undefined {
    return this.codes.get(system)?.get(code);
  }
}

import type { CodeSystem, ConceptMap, ValueSet } from '@medplum/fhirtypes';
import type { CanonicalType } from './canonical.ts';

export interface CanonicalResourceOf {
  CodeSystem: CodeSystem;
  ValueSet: ValueSet;
  ConceptMap: ConceptMap;
}

/**
 * What the terminology layer offers other layers (through the `app.terminology` decorator): the checks that
 * bindings need and the lookups the operations answer. Implementations must not touch the network.
 */
export interface CodeCheck {
  /** True when the code is in the value set (or code system). */
  readonly result: boolean;
  /** Why not, or a remark (for example a display that does not match), in words a developer understands. */
  readonly message?: string;
  /** The preferred display of the code, when known. */
  readonly display?: string;
}

export interface CodingInput {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface TerminologyService {
  /** A code system, value set or concept map by canonical URL (optionally `|version`), as the server holds it. */
  resource<T extends CanonicalType>(type: T, url: string): Promise<CanonicalResourceOf[T] | undefined>;
  /** Whether a value set with this canonical URL (optionally `|version`) is known. */
  hasValueSet(url: string): Promise<boolean>;
  /**
   * Checks a coding against a value set by canonical URL. Unknown value sets and value sets built on code
   * systems the server does not hold completely (SNOMED CT, ICPC-1-NL) answer `result: true` with a message,
   * so a binding check can downgrade to a warning instead of refusing what it cannot judge.
   */
  validateCode(valueSetUrl: string, coding: CodingInput): Promise<CodeCheck & { readonly undetermined?: boolean }>;
}

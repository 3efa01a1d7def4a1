import { addTranslations, defineError, type BrugError, type ErrorFactory } from '../errors.ts';
import { TERMINOLOGY_ERRORS_NL } from './errors-nl.ts';

/** Every error the terminology layer raises. Codes are stable: clients and tests may rely on them. */
export const TerminologyErrors = {
  valueSetNotFound: defineError('BRUG_TERM_VALUE_SET_NOT_FOUND', 'not-found', 'Value set %s is not known to this server'),
  codeSystemNotFound: defineError('BRUG_TERM_CODE_SYSTEM_NOT_FOUND', 'not-found', 'Code system %s is not known to this server'),
  conceptMapNotFound: defineError('BRUG_TERM_CONCEPT_MAP_NOT_FOUND', 'not-found', 'Concept map %s is not known to this server'),
  resourceNotFound: defineError('BRUG_TERM_RESOURCE_NOT_FOUND', 'not-found', '%s/%s is not known'),
  codeNotFound: defineError('BRUG_TERM_CODE_NOT_FOUND', 'not-found', 'The code "%s" is not defined in code system %s'),
  unknownCode: defineError('BRUG_TERM_UNKNOWN_CODE', 'invalid', 'The code "%s" is not defined in code system %s'),
  cannotExpand: defineError('BRUG_TERM_CANNOT_EXPAND', 'business-rule', 'The value set %s cannot be expanded: %s'),
  expansionTooLarge: defineError('BRUG_TERM_EXPANSION_TOO_LARGE', 'business-rule', 'The expansion of %s has more than %s codes'),
  unsupportedFilter: defineError('BRUG_TERM_UNSUPPORTED_FILTER', 'business-rule', 'The filter "%s %s %s" on code system %s is not supported'),
  invalidFilter: defineError('BRUG_TERM_INVALID_FILTER', 'business-rule', 'The filter "%s %s %s" is not valid: %s'),
  valueSetCycle: defineError('BRUG_TERM_VALUE_SET_CYCLE', 'business-rule', 'The value set %s includes itself (through %s)'),
};

/**
 * A 422 that names a more precise issue code than the category's `processing`: `not-supported` for what the
 * server cannot do (filters over SNOMED CT), `too-costly` for what it will not do (huge expansions).
 */
export function refusal(factory: ErrorFactory, args: readonly (string | number)[], issueCode: 'not-supported' | 'too-costly', expression?: readonly string[]): BrugError {
  const message = factory(args).message;
  return factory(args, { expression, issues: [{ severity: 'error', code: issueCode, diagnostics: message, expression }] });
}

addTranslations('nl', TERMINOLOGY_ERRORS_NL);

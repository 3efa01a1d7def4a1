import { addTranslations, defineError } from '../errors.ts';
import { CONFORMANCE_ERRORS_NL } from './errors-nl.ts';

export const ConformanceErrors = {
  /** Fails the base FHIR rules (http.html: "400 Bad Request - ... failed basic FHIR validation rules"). */
  invalidStructure: defineError('BRUG_CONF_INVALID_STRUCTURE', 'invalid', 'The resource does not conform to the FHIR R4 %s definition: %s'),
  /** Violates a profile the resource claims or the server requires (http.html: "422 Unprocessable Entity - ... violated applicable FHIR profiles"). */
  profileViolation: defineError('BRUG_CONF_PROFILE_VIOLATION', 'business-rule', 'The resource does not conform to its profile(s): %s'),
  /** A $validate request the operation cannot act on (no resource, unknown mode, update or delete at type level). */
  invalidValidateRequest: defineError('BRUG_CONF_VALIDATE_REQUEST', 'invalid', '$validate: %s'),
  /** resource-operation-validate.html: "If a profile is nominated, and the server cannot validate against the nominated profile, it SHALL return an error". */
  unknownProfile: defineError('BRUG_CONF_UNKNOWN_PROFILE', 'invalid', 'Profile %s is not known to this server, so the resource cannot be validated against it'),
  /** The server's own copy of its package's contract: a client changing it would change the contract for everyone. */
  packageResource: defineError('BRUG_CONF_PACKAGE_RESOURCE', 'forbidden', '%s %s (version %s) is part of the server\'s FHIR package and changes only with the package'),
};

addTranslations('nl', CONFORMANCE_ERRORS_NL);

import { defineError } from '../errors.ts';

export const ConformanceErrors = {
  /** Fails the base FHIR rules (http.html: "400 Bad Request - ... failed basic FHIR validation rules"). */
  invalidStructure: defineError('BRUG_CONF_INVALID_STRUCTURE', 'invalid', 'The resource does not conform to the FHIR R4 %s definition: %s'),
};

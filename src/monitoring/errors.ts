import { addTranslations, defineError } from '../errors.ts';
import { MONITORING_ERRORS_NL } from './errors-nl.ts';

/** The monitoring layer's refusals (issue 8). Each names the parameter or CSV cell it is about. */
export const MonitoringErrors = {
  invalidParameter: defineError('BRUG_MON_PARAMETER', 'invalid', 'Parameter %s: %s'),
  missingParameter: defineError('BRUG_MON_MISSING_PARAMETER', 'invalid', 'Parameter %s is required: %s'),
  unknownMeasure: defineError('BRUG_MON_UNKNOWN_MEASURE', 'not-found', 'No Brug Measure %s; GET /fhir/Measure lists them'),
  unknownGemeente: defineError('BRUG_MON_UNKNOWN_GEMEENTE', 'not-found', 'Gemeente %s is not known to Brug: no municipality Organization and no population data carry that CBS code'),
  notYourGemeente: defineError('BRUG_MON_NOT_YOUR_GEMEENTE', 'forbidden', 'Your organisation may read the figures of gemeente %s only, not of %s'),
  roleForbids: defineError('BRUG_MON_ROLE', 'forbidden', 'Key figures are for municipalities and administrators; your organisation\'s role (%s) may not evaluate them'),
  noGemeente: defineError('BRUG_MON_NO_GEMEENTE', 'forbidden', 'Your municipality client is registered without an organisation that carries a CBS municipality code'),
  invalidCsv: defineError('BRUG_MON_CSV', 'invalid', 'The population CSV is not valid: %s'),
  csvRowNotYours: defineError('BRUG_MON_CSV_NOT_YOURS', 'forbidden', 'Row %s is for gemeente %s; your organisation may load rows of gemeente %s only'),
};

addTranslations('nl', MONITORING_ERRORS_NL);

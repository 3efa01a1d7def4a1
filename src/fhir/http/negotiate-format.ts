import { FhirErrors } from '../errors.ts';

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'text/json', 'application/json+fhir']);

function acceptsJson(accept: string): boolean {
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]!.trim().toLowerCase();
    return type === '' || type === '*/*' || type === 'application/*' || type.includes('json');
  });
}

/**
 * JSON is the only format served. `_format` overrides Accept (http.html#mime-type); asking for anything else only
 * is 406 Not Acceptable.
 */
export function assertJsonAcceptable(format: string | undefined, accept: string | undefined): void {
  if (format !== undefined) {
    const wanted = format.split(';')[0]!.trim().toLowerCase().replace(/ /g, '+');
    if (!JSON_FORMATS.has(wanted)) throw FhirErrors.notAcceptable([format], { expression: ['_format'] });
    return;
  }
  if (accept !== undefined && !acceptsJson(accept)) throw FhirErrors.notAcceptable([accept]);
}

import type { IncomingHttpHeaders } from 'node:http';
import { FhirErrors } from '../errors.ts';
import type { FhirHeaders } from '../request.ts';

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `W/"3"` or `"3"` to "3" (http.html#concurrency); anything else is a client error. */
export function parseIfMatch(value: string): string {
  const match = /^\s*(?:W\/)?"([^"]+)"\s*$/.exec(value);
  if (!match) throw FhirErrors.badIfMatch([value]);
  return match[1]!;
}

function parsePrefer(value: string | undefined): Pick<FhirHeaders, 'preferReturn' | 'preferHandling'> {
  const result: Pick<FhirHeaders, 'preferReturn' | 'preferHandling'> = {};
  for (const token of (value ?? '').split(/[,;]/)) {
    const [key, raw] = token.split('=').map((s) => s.trim());
    const val = raw?.replace(/^"|"$/g, '');
    if (key === 'return' && (val === 'minimal' || val === 'representation' || val === 'OperationOutcome')) result.preferReturn = val;
    if (key === 'handling' && (val === 'strict' || val === 'lenient')) result.preferHandling = val;
  }
  return result;
}

export function parseFhirHeaders(headers: IncomingHttpHeaders): FhirHeaders {
  const ifMatch = single(headers, 'if-match');
  const ifModifiedSince = single(headers, 'if-modified-since');
  if (ifModifiedSince !== undefined && Number.isNaN(Date.parse(ifModifiedSince))) throw FhirErrors.badHeader(['If-Modified-Since', 'not an HTTP date']);
  return {
    ifMatch: ifMatch === undefined ? undefined : parseIfMatch(ifMatch),
    ifNoneMatch: single(headers, 'if-none-match'),
    ifNoneExist: single(headers, 'if-none-exist'),
    ifModifiedSince,
    contentType: single(headers, 'content-type'),
    ...parsePrefer(single(headers, 'prefer')),
  };
}

import type { FastifyInstance } from 'fastify';
import { FhirErrors } from '../errors.ts';
import { exceedsJsonDepth } from './json-depth.ts';

const JSON_TYPES = ['application/fhir+json', 'application/json', 'application/json-patch+json', 'application/json+fhir', 'text/json'];

/** FHIR resources nest a dozen levels at most; this leaves room for extensions of extensions. */
export const DEFAULT_MAX_JSON_DEPTH = 100;

export interface ContentParserOptions {
  /** Deepest nesting of objects and arrays accepted in a JSON body; deeper is refused before it is parsed. */
  readonly maxJsonDepth?: number;
}

/**
 * The media types a FHIR client sends. Anything else is 415 (Fastify's default for unknown types, mapped by the
 * error handler). Prototype-poisoning keys are refused, as in Fastify's own JSON parser.
 */
export function registerContentParsers(app: FastifyInstance, options: ContentParserOptions = {}): void {
  const maxDepth = options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const secureParse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    if (exceedsJsonDepth(text, maxDepth)) return done(FhirErrors.jsonTooDeep([maxDepth]), undefined);
    secureParse(request, text, (err, value) => {
      if (err) return done(FhirErrors.malformedJson([err.message.replace(/^.*?: /, '')]), undefined);
      done(null, value);
    });
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
}

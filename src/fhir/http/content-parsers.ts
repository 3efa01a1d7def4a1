import type { FastifyInstance } from 'fastify';
import { FhirErrors } from '../errors.ts';
import { DEFAULT_LIMITS, LIMIT_NAMES } from '../limits.ts';
import { jsonShapeProblem } from './json-depth.ts';
import { parseJsonBody } from './parse-json.ts';

const JSON_TYPES = ['application/fhir+json', 'application/json', 'application/json-patch+json', 'application/json+fhir', 'text/json'];


export interface ContentParserOptions {
  /** Deepest nesting of objects and arrays accepted in a JSON body; deeper is refused before it is parsed. */
  readonly maxJsonDepth?: number;
  /** Most items in one JSON array; longer is refused (413) before it is parsed. */
  readonly maxArrayItems?: number;
}

/**
 * The media types a FHIR client sends. Anything else is 415 (Fastify's default for unknown types, mapped by the
 * error handler). Prototype-poisoning keys are refused (`parse-json.ts`).
 */
export function registerContentParsers(app: FastifyInstance, options: ContentParserOptions = {}): void {
  const maxDepth = options.maxJsonDepth ?? DEFAULT_LIMITS.maxJsonDepth;
  const maxItems = options.maxArrayItems ?? DEFAULT_LIMITS.maxArrayItems;
  app.removeContentTypeParser('application/json');
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    const problem = jsonShapeProblem(text, maxDepth, maxItems);
    if (problem === 'too-deep') return done(FhirErrors.jsonTooDeep([maxDepth, maxDepth]), undefined);
    if (problem === 'too-long') return done(FhirErrors.arrayTooLong([maxItems, `${LIMIT_NAMES.maxArrayItems}=${maxItems}`]), undefined);
    try {
      done(null, parseJsonBody(text));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
}

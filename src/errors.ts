/**
 * The one error model. Every module defines its errors with `defineError`; the FHIR error handler maps the
 * category to an HTTP status and an OperationOutcome issue code. Nothing else sets an error status.
 */
export type ErrorCategory =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'not-allowed'
  | 'not-acceptable'
  | 'conflict'
  | 'gone'
  | 'precondition'
  | 'precondition-required'
  | 'too-large'
  | 'uri-too-long'
  | 'headers-too-large'
  | 'request-timeout'
  | 'expectation-failed'
  | 'unsupported-media-type'
  | 'business-rule'
  | 'too-many-requests'
  | 'not-supported'
  | 'busy'
  | 'fault';

export interface ErrorDetails {
  /** FHIRPath locations the error is about. */
  readonly expression?: readonly string[];
  /** Extra issues (for example all validation failures), each with its own severity, code and location. */
  readonly issues?: readonly IssueDetail[];
  readonly cause?: unknown;
  /** Response headers the refusal needs (`WWW-Authenticate` on 401, `Retry-After` on 429). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The values the message template was filled with, to fill a translated template the same way. */
  readonly args?: TemplateArgs;
  /** The message in another language, for an error whose message is built from another error's (a Bundle entry's). */
  readonly localize?: (language: Language) => string;
}

/** The languages error texts come in: English, and Dutch for the end users of both sectors. */
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Templates per language and error code; English is the template each error is defined with. */
const TRANSLATIONS = new Map<Language, Map<string, string>>();

/**
 * Adds a layer's translated templates (`%s` in the same order as in English). Each layer's errors.ts adds its own,
 * so the table is complete once the layer is loaded; a code without a translation keeps its English text.
 */
export function addTranslations(language: Exclude<Language, 'en'>, templates: Readonly<Record<string, string>>): void {
  const table = TRANSLATIONS.get(language) ?? new Map<string, string>();
  for (const [code, template] of Object.entries(templates)) table.set(code, template);
  TRANSLATIONS.set(language, table);
}

function fill(template: string, args: TemplateArgs): string {
  let i = 0;
  return template.replace(/%s/g, () => String(args[i++] ?? ''));
}

export interface IssueDetail {
  readonly severity: 'fatal' | 'error' | 'warning' | 'information';
  readonly code: string;
  readonly diagnostics: string;
  readonly expression?: readonly string[];
}

export class BrugError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly expression?: readonly string[];
  readonly issues?: readonly IssueDetail[];
  readonly headers?: Readonly<Record<string, string>>;
  private readonly args?: TemplateArgs;
  private readonly localize?: (language: Language) => string;

  constructor(code: string, category: ErrorCategory, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BrugError';
    this.code = code;
    this.category = category;
    this.expression = details.expression;
    this.issues = details.issues;
    this.headers = details.headers;
    this.args = details.args;
    this.localize = details.localize;
  }

  /** The message in `language`: its translated template filled with the same values, or the English text. */
  text(language: Language): string {
    if (language === 'en') return this.message;
    if (this.localize) return this.localize(language);
    const template = TRANSLATIONS.get(language)?.get(this.code);
    return template !== undefined && this.args !== undefined ? fill(template, this.args) : this.message;
  }
}

type TemplateArgs = readonly (string | number)[];

export interface ErrorFactory {
  (args?: TemplateArgs, details?: ErrorDetails): BrugError;
  readonly code: string;
  readonly category: ErrorCategory;
}

/** Defines a named error: `%s` placeholders in the template are filled in order. */
export function defineError(code: string, category: ErrorCategory, template: string): ErrorFactory {
  const factory = (args: TemplateArgs = [], details: ErrorDetails = {}): BrugError => new BrugError(code, category, fill(template, args), { ...details, args });
  return Object.assign(factory, { code, category });
}

export function isBrugError(err: unknown): err is BrugError {
  return err instanceof BrugError;
}

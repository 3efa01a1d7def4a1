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

  constructor(code: string, category: ErrorCategory, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BrugError';
    this.code = code;
    this.category = category;
    this.expression = details.expression;
    this.issues = details.issues;
    this.headers = details.headers;
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
  const factory = (args: TemplateArgs = [], details: ErrorDetails = {}): BrugError => {
    let i = 0;
    const message = template.replace(/%s/g, () => String(args[i++] ?? ''));
    return new BrugError(code, category, message, details);
  };
  return Object.assign(factory, { code, category });
}

export function isBrugError(err: unknown): err is BrugError {
  return err instanceof BrugError;
}

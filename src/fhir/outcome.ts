import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { BrugError, type ErrorCategory, type IssueDetail, type Language } from '../errors.ts';

/** HTTP status and OperationOutcome issue code for each error category: the one place they are decided. */
export const CATEGORY_STATUS: Record<ErrorCategory, { status: number; issueCode: OperationOutcomeIssue['code'] }> = {
  invalid: { status: 400, issueCode: 'invalid' },
  unauthenticated: { status: 401, issueCode: 'login' },
  forbidden: { status: 403, issueCode: 'forbidden' },
  'not-found': { status: 404, issueCode: 'not-found' },
  'not-allowed': { status: 405, issueCode: 'not-supported' },
  'not-acceptable': { status: 406, issueCode: 'not-supported' },
  conflict: { status: 409, issueCode: 'conflict' },
  gone: { status: 410, issueCode: 'deleted' },
  precondition: { status: 412, issueCode: 'conflict' },
  'request-timeout': { status: 408, issueCode: 'timeout' },
  'too-large': { status: 413, issueCode: 'too-costly' },
  'uri-too-long': { status: 414, issueCode: 'too-long' },
  'unsupported-media-type': { status: 415, issueCode: 'not-supported' },
  'expectation-failed': { status: 417, issueCode: 'not-supported' },
  'business-rule': { status: 422, issueCode: 'processing' },
  'precondition-required': { status: 428, issueCode: 'required' },
  'too-many-requests': { status: 429, issueCode: 'throttled' },
  'headers-too-large': { status: 431, issueCode: 'too-long' },
  fault: { status: 500, issueCode: 'exception' },
  'not-supported': { status: 501, issueCode: 'not-supported' },
  busy: { status: 503, issueCode: 'transient' },
};

/** An issue of the error model as an OperationOutcome issue, with its FHIRPath location. */
export function toOutcomeIssue(issue: IssueDetail): OperationOutcomeIssue {
  return {
    severity: issue.severity,
    code: issue.code as OperationOutcomeIssue['code'],
    diagnostics: issue.diagnostics,
    ...(issue.expression ? { expression: [...issue.expression] } : {}),
  };
}

export function outcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

export function informational(text: string): OperationOutcome {
  return outcome([{ severity: 'information', code: 'informational', diagnostics: text }]);
}

/**
 * The OperationOutcome and status for any thrown value; unknown errors say nothing about internals. `language` sets
 * `issue.details.text` (Brug's own errors have Dutch texts); `diagnostics`, codes and locations stay as they are.
 */
export function outcomeForError(err: unknown, language: Language = 'en'): { status: number; outcome: OperationOutcome; fault: boolean } {
  if (err instanceof BrugError) {
    const { status, issueCode } = CATEGORY_STATUS[err.category];
    const issues: OperationOutcomeIssue[] = err.issues?.length
      ? err.issues.map(toOutcomeIssue)
      : [
          {
            severity: status >= 500 ? 'fatal' : 'error',
            code: issueCode,
            details: { coding: [{ code: err.code }], text: err.text(language) },
            diagnostics: err.message,
            ...(err.expression ? { expression: [...err.expression] } : {}),
          },
        ];
    return { status, outcome: outcome(issues), fault: err.category === 'fault' };
  }
  return {
    status: 500,
    outcome: outcome([{ severity: 'fatal', code: 'exception', diagnostics: 'An unexpected error occurred; it has been logged' }]),
    fault: true,
  };
}

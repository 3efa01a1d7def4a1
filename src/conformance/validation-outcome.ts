import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { IssueDetail } from '../errors.ts';
import { outcome, toOutcomeIssue } from '../fhir/index.ts';

/**
 * The result of $validate is itself the resource the operation returns (resource-operation-validate.html, `return`),
 * not an error: every issue, whatever its severity, and "All OK" when there are none.
 */
export function validationOutcome(issues: readonly IssueDetail[], more: readonly OperationOutcomeIssue[] = []): OperationOutcome {
  const issue: OperationOutcomeIssue[] = [...issues.map(toOutcomeIssue), ...more];
  if (!issue.some((i) => i.severity === 'error' || i.severity === 'fatal' || i.severity === 'warning')) {
    issue.unshift({ severity: 'information', code: 'informational', diagnostics: 'All OK: no errors or warnings' });
  }
  return outcome(issue);
}

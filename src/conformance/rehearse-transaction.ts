import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { BrugError } from '../errors.ts';
import { outcomeForError, type OperationInvocation } from '../fhir/index.ts';

/** Refusals that say something about the Bundle; any other failure (busy, deadline, fault) is the server's own. */
const ABOUT_THE_BUNDLE = new Set([400, 403, 404, 405, 409, 410, 412, 413, 422]);

/**
 * What the server would answer if this transaction Bundle were sent now: it runs as the caller, through every rule
 * (access policy, referential integrity, the referral workflow and its consent gate across the Bundle's own entries,
 * conditional creates against the stored data), and is then rolled back, so nothing is written and no notification
 * leaves. It reveals only what sending the Bundle would reveal to the same caller.
 */
export async function rehearseTransaction(call: OperationInvocation, bundle: Record<string, unknown>): Promise<OperationOutcomeIssue[]> {
  const entries = Array.isArray(bundle.entry) ? bundle.entry.length : 0;
  try {
    await call.rehearse({ method: 'POST', path: '', query: [], headers: { preferReturn: 'minimal' }, body: bundle });
    return [{ severity: 'information', code: 'informational', diagnostics: `Rehearsed as a transaction against the data as it is now, then rolled back: the server would accept all ${entries} entries` }];
  } catch (err) {
    if (err instanceof BrugError && err.code === 'BRUG_FHIR_REHEARSAL_NESTED') {
      return [{ severity: 'information', code: 'informational', diagnostics: 'Not rehearsed as a transaction: this $validate runs inside a transaction Bundle; the entries were checked against their profiles only' }];
    }
    const { status, outcome } = outcomeForError(err);
    if (!ABOUT_THE_BUNDLE.has(status)) throw err;
    return outcome.issue.map((issue) => ({
      ...issue,
      severity: issue.severity === 'fatal' ? 'error' : issue.severity,
      diagnostics: `Sent as a transaction now, it would be refused with ${status}: ${issue.diagnostics ?? ''}`,
    }));
  }
}

// https://hl7.org/fhir/R4/http.html#transaction-response: a failure names the entry it came from
import { BrugError, type IssueDetail } from '../../../errors.ts';
import type { BundleEntryPlan } from './entry-request.ts';
import { urlResourceType } from './entry-request.ts';

/**
 * An expression about the entry's resource (`Patient.name`, `name`) as a location in the Bundle. Entries without
 * a resource (reads, searches) keep theirs: it names a search parameter or header, not an element. So does one that
 * starts with another resource type (`Consent.status` for a ServiceRequest entry): it is about the resource the
 * entry refers to, which need not be in the Bundle at all.
 */
function locate(at: string, type: string | undefined, expression: string): string {
  if (expression.startsWith('Bundle.entry[') || type === undefined) return expression;
  if (expression === type) return `${at}.resource`;
  if (expression.startsWith(`${type}.`)) return `${at}.resource.${expression.slice(type.length + 1)}`;
  if (/^[A-Z][A-Za-z]+(\.|$)/.test(expression)) return expression;
  return `${at}.resource.${expression}`;
}

function locateIssue(issue: IssueDetail, at: string, type: string | undefined): IssueDetail {
  return {
    ...issue,
    diagnostics: `${at}: ${issue.diagnostics}`,
    expression: issue.expression?.length ? issue.expression.map((e) => locate(at, type, e)) : [at],
  };
}

/**
 * The same error, saying which entry failed: the message starts with `Bundle.entry[i]` and every expression is
 * a location in the Bundle. Errors that are not ours (faults) pass unchanged, so their detail reaches only the log.
 */
export function atEntry(err: unknown, entry: Pick<BundleEntryPlan, 'index' | 'request'>): unknown {
  if (!(err instanceof BrugError)) return err;
  const at = `Bundle.entry[${entry.index}]`;
  if (err.message.startsWith(at)) return err;
  const type = entry.request.body === undefined ? undefined : (urlResourceType(entry.request.path) ?? resourceTypeOf(entry.request.body) ?? '');
  const own = err.expression ?? [];
  const expression = own.some((e) => e.startsWith(at)) ? [...own] : [at, ...own.map((e) => locate(at, type, e))];
  const where = `${at} (${entry.request.method} ${displayUrl(entry.request)})`;
  return new BrugError(err.code, err.category, `${where}: ${err.message}`, {
    localize: (language) => `${where}: ${err.text(language)}`,
    expression,
    issues: err.issues?.map((i) => locateIssue(i, at, type)),
    cause: err,
  });
}

function resourceTypeOf(body: unknown): string | undefined {
  const type = (body as { resourceType?: unknown } | null)?.resourceType;
  return typeof type === 'string' ? type : undefined;
}

/** The entry's URL without its query: queries may hold identifiers (a national identifier) that do not belong in messages. */
function displayUrl(request: BundleEntryPlan['request']): string {
  return request.query.length > 0 ? `${request.path}?…` : request.path;
}

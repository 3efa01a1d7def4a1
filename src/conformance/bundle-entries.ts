import type { IssueDetail } from '../errors.ts';
import type { ResourceValidator } from './resource-validator.ts';

/** Bundles whose entries the server would write: each entry must meet what a write of its type requires. */
const WRITE_BUNDLES = new Set(['transaction', 'batch']);

interface Entry {
  resource?: unknown;
  request?: { method?: unknown };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `Task.description` of entry 1 becomes `Bundle.entry[1].resource.description`, where the client finds it. */
function relocate(issue: IssueDetail, type: string, at: string): IssueDetail {
  const expression = issue.expression?.map((e) => (e === type ? at : e.startsWith(`${type}.`) ? `${at}${e.slice(type.length)}` : e));
  return expression ? { ...issue, expression } : issue;
}

/**
 * The profiles of the resources inside a Bundle. Validating the Bundle walks every entry's base rules already, but
 * not the profiles an entry claims nor, for a transaction or batch, the profile its type needs to be written; those
 * are what a sender most wants to know before sending. Entries that are not written (GET, DELETE) are left alone.
 */
export async function entryProfileIssues(validator: ResourceValidator, bundle: Record<string, unknown>, asWrite: boolean): Promise<IssueDetail[]> {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as unknown[]) : [];
  const serverProfile = asWrite || WRITE_BUNDLES.has(String(bundle.type));
  const issues: IssueDetail[] = [];
  for (const [n, entry] of entries.entries()) {
    if (!isObject(entry)) continue;
    const { resource, request } = entry as Entry;
    if (!isObject(resource) || typeof resource.resourceType !== 'string') continue;
    if (request?.method === 'GET' || request?.method === 'DELETE' || request?.method === 'HEAD') continue;
    const report = await validator.validate(resource, { serverProfile, baseChecked: true });
    issues.push(...report.issues.map((i) => relocate(i, resource.resourceType as string, `Bundle.entry[${n}].resource`)));
  }
  return issues;
}

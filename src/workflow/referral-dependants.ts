import type { Filter, Repository } from '../store/index.ts';

/** How a referral Task rests on a resource of each type, as a Task search filter. */
function restsOn(resourceType: string, id: string): Filter | undefined {
  const to = (param: string, targetType: string): Filter => ({ kind: 'reference', param, targetTypes: [targetType], targetId: id });
  const viaRequest = (filter: Filter): Filter => ({ kind: 'chain', param: 'focus', targetTypes: ['ServiceRequest'], filter });
  switch (resourceType) {
    case 'Patient':
      return { kind: 'or', filters: [to('subject', 'Patient'), viaRequest(to('subject', 'Patient'))] };
    case 'Consent':
      return viaRequest(to('supporting-info', 'Consent'));
    case 'ServiceRequest':
      return to('focus', 'ServiceRequest');
    case 'Communication':
      // The feedback a Task records as its output (brug-task-output): the moves to in-progress and completed need it.
      return to('output', 'Communication');
    default:
      return undefined;
  }
}

/** At most this many dependants are named; a refusal needs examples, not a full list. */
const NAMED = 20;

/**
 * The referral Tasks that rest on `resourceType/id` and still count: every Task but one entered in error, which
 * never counted (the GALA figures leave it out). Closed referrals count too: the monitor reports how referrals
 * ended, how long they took and what they achieved, for the resident's gemeente, long after they close.
 * Read in the write's own transaction.
 */
export async function countingDependants(repo: Repository, resourceType: string, id: string): Promise<string[] | undefined> {
  const rests = restsOn(resourceType, id);
  if (!rests) return undefined;
  const filter: Filter = { kind: 'and', filters: [rests, { kind: 'not', filter: { kind: 'token', param: 'status', code: 'entered-in-error' } }] };
  const page = await repo.search({ resourceTypes: ['Task'], filter, sort: [], count: NAMED, offset: 0, total: 'none' });
  return page.matches.map((m) => `Task/${m.id}`);
}

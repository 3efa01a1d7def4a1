import type { Coding, Resource } from '@medplum/fhirtypes';
import type { Filter } from '../../store/index.ts';
import { BrugIdentifierSystems } from '../../canonical-urls.ts';

/**
 * The organisation responsible for a resource (its custodian, the party that wrote it), kept as a `meta.tag`
 * so the `_tag` index can scope reads in SQL. Only the server sets it: a client cannot claim another's data.
 */
export const CUSTODIAN_SYSTEM = BrugIdentifierSystems.custodian;

export function custodianFilter(organizationId: string): Filter {
  return { kind: 'token', param: '_tag', system: CUSTODIAN_SYSTEM, code: organizationId };
}

export function custodianTags(resource: Resource | undefined): Coding[] {
  return (resource?.meta?.tag ?? []).filter((t) => t.system === CUSTODIAN_SYSTEM);
}

/** The resource with exactly `custodians` as its custodian tags, whatever it carried. */
export function withCustodians(resource: Resource, custodians: readonly Coding[]): Resource {
  const others = (resource.meta?.tag ?? []).filter((t) => t.system !== CUSTODIAN_SYSTEM);
  const tag = [...others, ...custodians];
  const { tag: _dropped, ...meta } = resource.meta ?? {};
  return { ...resource, meta: tag.length > 0 ? { ...meta, tag } : meta };
}

export function custodianTag(organizationId: string): Coding {
  return { system: CUSTODIAN_SYSTEM, code: organizationId };
}

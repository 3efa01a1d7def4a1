/**
 * The facts of events that happen outside any FHIR interaction: a request refused at the door (no token, bad token,
 * disabled client, rate limit) and a token request.
 */
import type { AuditEventEntity } from '@medplum/fhirtypes';
import type { BrugError } from '../../errors.ts';
import type { AuthenticateContext } from '../../fhir/index.ts';
import type { ActingProfessional, OrganizationRef } from '../principal.ts';
import { ENTITY, EVENT_TYPE, LOGIN, type AuditAction } from './audit-codes.ts';
import { queryEntity, type AuditFacts } from './audit-event.ts';
import '../principal.ts';

export interface TokenRequestRecord {
  readonly clientId?: string;
  readonly ip: string;
  readonly outcome: 'granted' | 'refused';
  /** Why it was refused (the OAuth error description). */
  readonly reason?: string;
  readonly scope?: string;
  readonly organization?: OrganizationRef;
  readonly practitioner?: ActingProfessional;
}

/** The action a refused request would have been, from its method and path (it never reached the router). */
function actionOf(method: string, path: string): AuditAction {
  switch (method) {
    case 'DELETE':
      return 'D';
    case 'PUT':
    case 'PATCH':
      return 'U';
    case 'POST':
      // A POST to a type creates; to the base (Bundle), to _search or to an operation it executes.
      return /^[A-Z][A-Za-z]+\/?$/.test(path) ? 'C' : 'E';
    default:
      return 'R';
  }
}

export function refusalFacts(ctx: AuthenticateContext, error: BrugError): AuditFacts {
  const p = ctx.principal;
  // The URL below the FHIR base, as the caller sent it: that is what was attempted.
  const target = ctx.url.replace(/^\/[^/?]+\/?/, '');
  return {
    type: EVENT_TYPE.rest,
    action: actionOf(ctx.method, target.split('?')[0]!),
    recorded: new Date().toISOString(),
    outcome: error.category === 'fault' ? '8' : '4',
    outcomeDesc: error.message,
    actor: { clientId: p?.clientId, organization: p?.organization, role: p?.role, practitioner: p?.practitioner, tokenId: p?.tokenId, ip: ctx.ip },
    entities: [queryEntity(`${ctx.method} ${target}`)],
  };
}

export function tokenRequestFacts(record: TokenRequestRecord): AuditFacts {
  const scope = record.outcome === 'granted' ? 'scope' : 'requested scope';
  const token: AuditEventEntity[] = record.scope ? [{ type: ENTITY.systemObject, name: 'access token', detail: [{ type: scope, valueString: record.scope }] }] : [];
  return {
    type: EVENT_TYPE.userAuthentication,
    subtype: LOGIN,
    action: 'E',
    recorded: new Date().toISOString(),
    outcome: record.outcome === 'granted' ? '0' : '4',
    outcomeDesc: record.outcome === 'refused' ? (record.reason ?? 'refused') : undefined,
    actor: { clientId: record.clientId, organization: record.organization, practitioner: record.practitioner, ip: record.ip },
    entities: token,
  };
}

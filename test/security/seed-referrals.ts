import type { AuditEvent } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { Caller, CLIENTS, ensureClients, OTHER_PRACTICE, type ClientId } from '../support/referral-world.ts';
import { consentFor, ensureOrganization, feedback, patientWith, referralFor, setConsentStatus, taskFor, type ReferralResourceIds as ReferralIds } from '../support/referral-resources.ts';

export const BSN_OF = { A: '999911120', B: '999990019', C: '999990020' } as const;
export type Referral = 'A' | 'B' | 'C';


/** What the practice placed, as ids: referral A and B to demo-welzijn (B's consent withdrawn), C to demo-welzijn-2. */
export interface World {
  callers: Record<ClientId | typeof OTHER_PRACTICE, Caller>;
  org: { P: string; W: string; W2: string; G: string; P2: string };
  role: { P: string; W: string; W2: string };
  service: { W: string; W2: string };
  referral: Record<Referral, ReferralIds>;
  /** One audit entry as the server writes them (the API never accepts one). */
  auditEvent: string;
}

interface ReferralParties {
  practice: Caller;
  practiceRole: string;
  practiceOrg: string;
  welfare: Caller;
  welfareOrg: string;
  welfareRole: string;
  welfareService: string;
  bsn: string;
}

/** Places a referral resource by resource, each written by the client that would write it. */
async function createReferral(p: ReferralParties): Promise<Omit<ReferralIds, 'Communication'>> {
  const patientId = await p.practice.create(patientWith(p.bsn, p.practiceOrg));
  const consentId = await p.practice.create(consentFor(patientId, p.practiceOrg, p.welfareOrg));
  const requestId = await p.practice.create(referralFor(patientId, p.practiceRole, p.welfareService, consentId));
  const taskId = await p.practice.create(taskFor(requestId, patientId, p.practiceRole, p.welfareOrg));
  return { Patient: patientId, Consent: consentId, ServiceRequest: requestId, Task: taskId };
}

async function writeAuditEvent(app: FastifyInstance): Promise<string> {
  const id = `matrix-${crypto.randomUUID()}`;
  const lastUpdated = new Date().toISOString();
  const event: AuditEvent = {
    resourceType: 'AuditEvent',
    id,
    meta: { versionId: '1', lastUpdated },
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110', display: 'Patient Record' },
    recorded: lastUpdated,
    agent: [{ requestor: true, who: { display: 'demo-huisarts' } }],
    source: { observer: { display: 'Brug' } },
  };
  const engine = app.fhirEngine;
  await engine.repo.transaction((tx) =>
    tx.writeVersion({ resourceType: 'AuditEvent', id, versionId: 1, lastUpdated, method: 'POST', json: JSON.stringify(event), index: engine.indexer(event), isNew: true }),
  );
  return id;
}

/** Seeds the referrals through HTTP, each resource written by the client that would write it. */
export async function seedReferrals(app: FastifyInstance): Promise<World> {
  const orgs = await ensureClients(app);
  const callers = Object.fromEntries([...CLIENTS, OTHER_PRACTICE].map((c) => [c, new Caller(app, c)])) as World['callers'];
  const org = { P: orgs['demo-huisarts']!, W: orgs['demo-welzijn']!, W2: orgs['demo-welzijn-2']!, G: orgs['demo-gemeente']!, P2: orgs[OTHER_PRACTICE]! };
  const admin = callers['demo-admin'];
  for (const [key, id] of Object.entries(org)) await ensureOrganization(admin, id, `Matrix organisation ${key}`);
  const role = {
    P: await callers['demo-huisarts'].create({ resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${org.P}` } }),
    W: await callers['demo-welzijn'].create({ resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${org.W}` } }),
    W2: await callers['demo-welzijn-2'].create({ resourceType: 'PractitionerRole', active: true, organization: { reference: `Organization/${org.W2}` } }),
  };
  const service = {
    W: await callers['demo-welzijn'].create({ resourceType: 'HealthcareService', active: true, name: 'Welzijnscoach', providedBy: { reference: `Organization/${org.W}` } }),
    W2: await callers['demo-welzijn-2'].create({ resourceType: 'HealthcareService', active: true, name: 'Buurtcoach', providedBy: { reference: `Organization/${org.W2}` } }),
  };
  const practice = { practice: callers['demo-huisarts'], practiceRole: role.P, practiceOrg: org.P };
  const welfare = { welfare: callers['demo-welzijn'], welfareOrg: org.W, welfareRole: role.W, welfareService: service.W };
  const welfare2 = { welfare: callers['demo-welzijn-2'], welfareOrg: org.W2, welfareRole: role.W2, welfareService: service.W2 };
  const a = await createReferral({ ...practice, ...welfare, bsn: BSN_OF.A });
  const b = await createReferral({ ...practice, ...welfare, bsn: BSN_OF.B });
  const c = await createReferral({ ...practice, ...welfare2, bsn: BSN_OF.C });
  const referral = {
    A: { ...a, Communication: await callers['demo-welzijn'].create(feedback(a, role.W, role.P)) },
    B: { ...b, Communication: await callers['demo-huisarts'].create(feedback(b, role.P, role.W)) },
    C: { ...c, Communication: await callers['demo-welzijn-2'].create(feedback(c, role.W2, role.P)) },
  };
  await setConsentStatus(callers['demo-huisarts'], referral.B.Consent, 'inactive');
  return { callers, org, role, service, referral, auditEvent: await writeAuditEvent(app) };
}

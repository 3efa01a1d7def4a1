import type { Resource } from '@medplum/fhirtypes';
import type { Engine } from '../../fhir/index.ts';
import type { TransactionRepository } from '../../store/index.ts';
import { WorkflowErrors } from '../errors.ts';
import { residueOf } from './residue.ts';

type Key = `${string}/${string}`;

const key = (type: string, id: string): Key => `${type}/${id}`;

/**
 * The resources that hold the resident's personal data in the referral chain: the Patient; every ServiceRequest,
 * Task, Consent and Communication that points at them, now or in an earlier version; the Tasks and feedback of their
 * referrals; the Consents the referrals rest on; and the feedback their Tasks record.
 */
async function resourcesOf(tx: TransactionRepository, patientId: string): Promise<Key[]> {
  const found = new Set<Key>([key('Patient', patientId)]);
  const add = (links: readonly { resourceType: string; id: string }[]): void => links.forEach((l) => found.add(key(l.resourceType, l.id)));
  const addTargets = (links: readonly { targetType: string; targetId: string }[]): void => links.forEach((l) => found.add(key(l.targetType, l.targetId)));
  for (const type of ['ServiceRequest', 'Task', 'Consent', 'Communication']) add(await tx.referencesTo(type, undefined, 'Patient', [patientId]));
  const requests = [...found].filter((k) => k.startsWith('ServiceRequest/')).map((k) => k.slice('ServiceRequest/'.length));
  add(await tx.referencesTo('Task', 'focus', 'ServiceRequest', requests));
  add(await tx.referencesTo('Communication', undefined, 'ServiceRequest', requests));
  addTargets(await tx.referencesFrom('ServiceRequest', requests, 'supporting-info', 'Consent'));
  const tasks = [...found].filter((k) => k.startsWith('Task/')).map((k) => k.slice('Task/'.length));
  addTargets(await tx.referencesFrom('Task', tasks, 'output', 'Communication'));
  // Deleted resources keep their earlier versions but no index rows: feedback deleted before the erasure, a Consent
  // since made about someone else. Their stored text still names the resident or the referral.
  const named = [key('Patient', patientId), ...requests.map((id) => key('ServiceRequest', id))].map((reference) => `${reference}"`);
  add(await tx.idsMentioning(['ServiceRequest', 'Task', 'Consent', 'Communication'], named));
  return [...found].sort();
}

/**
 * Replaces one resource by its residue as a new version, indexed from the residue (so no index row keeps a name or
 * number), and rewrites every earlier version to its own residue: vread and _history show nothing more. A Task's
 * earlier statuses stay, because the outcome figure reads whether a cancelled Task was ever accepted.
 */
async function replaceByResidue(tx: TransactionRepository, engine: Engine, type: string, id: string, now: string): Promise<boolean> {
  const current = await tx.lockCurrent(type, id);
  if (!current) return false;
  await tx.redactHistory(type, id, (json) => JSON.stringify(residueOf(JSON.parse(json) as Resource)));
  if (current.deleted || current.json === null) return true;
  const versionId = current.versionId + 1;
  const body = JSON.parse(current.json) as Resource;
  const residue = residueOf({ ...body, meta: { ...body.meta, versionId: String(versionId), lastUpdated: now } });
  const json = JSON.stringify(residue);
  await tx.writeVersion({ resourceType: type, id, versionId, lastUpdated: now, method: 'PUT', json, index: engine.indexer(residue), isNew: false });
  return true;
}

/**
 * Erases a resident (AVG art. 17) in one transaction: every resource of theirs becomes its anonymous residue, and
 * the residues index exactly what the key figures read, so every figure stays as it was. Written beside the engine's
 * write path on purpose: no hook may refuse it (what a referral rests on stays, as residue) and the residues do not
 * claim the Brug profiles whose personal elements they no longer have. Returns the references it erased.
 */
export async function eraseResident(engine: Engine, patientId: string): Promise<string[]> {
  return engine.repo.transaction(async (tx) => {
    const patient = await tx.lockCurrent('Patient', patientId);
    if (!patient) throw WorkflowErrors.unknownResident([patientId]);
    const now = new Date().toISOString();
    const erased: string[] = [];
    for (const k of await resourcesOf(tx, patientId)) {
      const [type, id] = k.split('/') as [string, string];
      if (await replaceByResidue(tx, engine, type, id, now)) erased.push(k);
    }
    return erased;
  });
}

// https://hl7.org/fhir/R4/http.html#trules: resource identities of a transaction, fixed before anything is written
import { randomUUID } from 'node:crypto';
import type { TransactionRepository } from '../../../store/index.ts';
import type { Engine } from '../../engine.ts';
import { FhirErrors } from '../../errors.ts';
import type { InteractionContext } from '../../hooks/points.ts';
import { assertValidId } from '../../resource-body.ts';
import { findForCondition } from '../../search/run-search.ts';
import { conditionalLockKey, ifNoneExistQuery } from '../conditional-lock.ts';
import { queryString } from '../query-string.ts';
import type { BundleEntryPlan } from './entry-request.ts';
import { urlResourceType } from './entry-request.ts';
import { atEntry } from './entry-error.ts';
import { giveWay } from './give-way.ts';

export interface Resolution {
  readonly entry: BundleEntryPlan;
  /** `Type/id` the entry writes (or, for a matched conditional create, reuses); undefined when it writes nothing known. */
  readonly target?: string;
}

interface Lookup {
  readonly engine: Engine;
  readonly context: InteractionContext;
  readonly tx: TransactionRepository;
}

/** The single match of a condition, undefined for none, an error for several. The lock keys are those the interactions take. */
async function matchOne(look: Lookup, type: string, query: string, lock?: 'create' | 'update'): Promise<string | undefined> {
  if (lock !== undefined) await look.tx.lockKey(conditionalLockKey(lock, type, query));
  const matches = await findForCondition(look.engine, type, query, look.context, look.tx, 2);
  if (matches.length > 1) throw FhirErrors.conditionalMultiple([type, query]);
  return matches[0]?.id;
}

function withRequest(entry: BundleEntryPlan, change: Partial<BundleEntryPlan['request']>): BundleEntryPlan {
  return { ...entry, request: { ...entry.request, ...change } };
}

/** POST: a new id now, so references to the entry's fullUrl can be rewritten; a matched If-None-Exist reuses the match. */
async function resolveCreate(look: Lookup, entry: BundleEntryPlan, type: string): Promise<Resolution> {
  const condition = entry.request.headers.ifNoneExist;
  if (condition !== undefined) {
    const query = ifNoneExistQuery(condition);
    const existing = query.trim() === '' ? undefined : await matchOne(look, type, query, 'create');
    if (existing !== undefined) return { entry, target: `${type}/${existing}` };
  }
  const id = randomUUID();
  return { entry: withRequest(entry, { assignedId: id }), target: `${type}/${id}` };
}

/** Conditional PUT becomes a PUT of the resolved id (the match, the body's id, or a new one), so its identity is known. */
async function resolveConditionalUpdate(look: Lookup, entry: BundleEntryPlan, type: string): Promise<Resolution> {
  const query = queryString(entry.request.query);
  if (query === '') throw FhirErrors.conditionalEmpty(['update']);
  const match = await matchOne(look, type, query, 'update');
  const body = entry.request.body as { id?: string };
  if (match === undefined && body.id !== undefined) assertValidId(body.id);
  const id = match ?? body.id ?? randomUUID();
  const request = { path: `${type}/${id}`, query: [], body: { ...body, id: body.id ?? id } };
  return { entry: withRequest(entry, request), target: `${type}/${id}` };
}

/** Conditional DELETE and PATCH with one match act on that id; none or several are left to the interaction to answer. */
async function resolveConditionalOther(look: Lookup, entry: BundleEntryPlan, type: string): Promise<Resolution> {
  const query = queryString(entry.request.query);
  if (query === '') return { entry };
  const matches = await findForCondition(look.engine, type, query, look.context, look.tx, 2);
  if (matches.length !== 1) return { entry };
  return { entry: withRequest(entry, { path: `${type}/${matches[0]!.id}`, query: [] }), target: `${type}/${matches[0]!.id}` };
}

async function resolveEntry(look: Lookup, entry: BundleEntryPlan): Promise<Resolution> {
  const { method, path } = entry.request;
  const type = urlResourceType(path);
  if (type === undefined || method === 'GET' || method === 'HEAD') return { entry };
  const literal = path.includes('/');
  if (method === 'POST') return literal ? { entry } : resolveCreate(look, entry, type);
  if (literal) return { entry, target: path };
  return method === 'PUT' ? resolveConditionalUpdate(look, entry, type) : resolveConditionalOther(look, entry, type);
}

/** Two entries may not change one resource (http.html#trules). */
function assertNoOverlap(resolved: readonly Resolution[]): void {
  const seen = new Map<string, number>();
  for (const { entry, target } of resolved) {
    if (target === undefined || entry.request.method === 'GET' || entry.request.method === 'HEAD') continue;
    const first = seen.get(target);
    if (first !== undefined) throw FhirErrors.bundleOverlap([first, entry.index, target], { expression: [`Bundle.entry[${entry.index}]`] });
    seen.set(target, entry.index);
  }
}

/**
 * Fixes every identity the transaction touches, against the database as it was before the transaction, and
 * returns the entries rewritten to literal ids plus the `Type/id` that each fullUrl stands for.
 */
export async function assignIdentities(
  engine: Engine,
  context: InteractionContext,
  tx: TransactionRepository,
  entries: readonly BundleEntryPlan[],
): Promise<{ entries: BundleEntryPlan[]; fullUrls: Map<string, string> }> {
  const look: Lookup = { engine, context, tx };
  const resolved: Resolution[] = [];
  for (const entry of entries) {
    await giveWay(entry.index);
    try {
      resolved.push(await resolveEntry(look, entry));
    } catch (err) {
      throw atEntry(err, entry);
    }
  }
  assertNoOverlap(resolved);
  const fullUrls = new Map<string, string>();
  for (const { entry, target } of resolved) if (entry.fullUrl !== undefined && target !== undefined) fullUrls.set(entry.fullUrl, target);
  return { entries: resolved.map((r) => r.entry), fullUrls };
}

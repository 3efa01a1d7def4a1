// https://hl7.org/fhir/R4/http.html#transaction: all entries succeed together or nothing is written
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import type { TransactionRepository } from '../../../store/index.ts';
import { withinTransaction, type Engine } from '../../engine.ts';
import { FhirErrors } from '../../errors.ts';
import type { CommittedContext, InteractionContext } from '../../hooks/points.ts';
import type { FhirHeaders, FhirRequest, FhirResponse } from '../../request.ts';
import { entryFor } from '../../response.ts';
import { runPostCommit } from '../../write/write-resource.ts';
import { assignIdentities } from './assign-identities.ts';
import { atEntry } from './entry-error.ts';
import { giveWay } from './give-way.ts';
import { parseEntry, type BundleEntryPlan } from './entry-request.ts';
import { linkEntry, resolveConditionalReferences } from './resolve-references.ts';
import type { EntryHandler } from '../bundle.ts';

/** http.html#trules: deletes, then creates, then updates and patches, then reads. */
const RANK: Record<FhirRequest['method'], number> = { DELETE: 0, POST: 1, PUT: 2, PATCH: 2, GET: 3, HEAD: 3 };

function assertUniqueFullUrls(entries: readonly BundleEntryPlan[]): void {
  const seen = new Map<string, number>();
  for (const { fullUrl, index } of entries) {
    if (fullUrl === undefined) continue;
    const first = seen.get(fullUrl);
    if (first !== undefined) {
      throw FhirErrors.invalidBundle([`Bundle.entry[${index}].fullUrl repeats the fullUrl of Bundle.entry[${first}]`], { expression: [`Bundle.entry[${index}].fullUrl`] });
    }
    seen.set(fullUrl, index);
  }
}

/** Fixes identities and rewrites references, all against the database as it was when the transaction began. */
async function prepare(engine: Engine, context: InteractionContext, tx: TransactionRepository, plans: readonly BundleEntryPlan[]): Promise<BundleEntryPlan[]> {
  const { entries, fullUrls } = await assignIdentities(engine, context, tx, plans);
  const conditional = await resolveConditionalReferences(engine, context, tx, entries);
  return entries.map((entry) => linkEntry(entry, { fullUrls, conditional, baseUrl: engine.config.baseUrl }));
}

async function processInOrder(engine: Engine, entries: readonly BundleEntryPlan[], handle: EntryHandler): Promise<FhirResponse[]> {
  const order = entries.map((_, i) => i).sort((a, b) => RANK[entries[a]!.request.method] - RANK[entries[b]!.request.method] || a - b);
  const responses: FhirResponse[] = [];
  for (const [turn, i] of order.entries()) {
    await giveWay(turn);
    const entry = entries[i]!;
    try {
      responses[i] = await handle(entry.request, engine);
    } catch (err) {
      throw atEntry(err, entry);
    }
  }
  return responses;
}

interface Outcome {
  entries: BundleEntryPlan[];
  responses: FhirResponse[];
  deferred: CommittedContext[];
}

/**
 * Runs every entry inside one database transaction; the first failure rolls all of it back and becomes the
 * response, naming the entry. postCommit hooks of all writes run only after the commit.
 */
export async function runTransaction(engine: Engine, context: InteractionContext, raw: readonly unknown[], outer: FhirHeaders, handle: EntryHandler): Promise<FhirResponse> {
  const options = { baseUrl: engine.config.baseUrl, outer, inTransaction: true, limits: engine.config.limits };
  const plans = raw.map((entry, i) => parseEntry(entry, i, options));
  assertUniqueFullUrls(plans);
  // The store may run this callback again after a serialization failure, so it starts from the parsed plans each time.
  const done = await engine.repo.transaction(async (tx): Promise<Outcome> => {
    const deferred: CommittedContext[] = [];
    const txEngine = withinTransaction(engine, tx, deferred);
    const entries = await prepare(txEngine, context, tx, plans);
    const responses = await processInOrder(txEngine, entries, handle);
    return { entries, responses, deferred };
  });
  // Run inside another transaction (a rehearsal), the writes commit only with that one: their hooks wait for it.
  if (engine.bundleTransaction) engine.bundleTransaction.deferredCommits.push(...done.deferred);
  else for (const committed of done.deferred) await runPostCommit(engine, committed);
  const entry: BundleEntry[] = done.entries.map((e, i) => entryFor(done.responses[i]!, e.request, engine.config.baseUrl));
  const bundle: Bundle = { resourceType: 'Bundle', type: 'transaction-response', entry };
  return { status: 200, resource: bundle };
}

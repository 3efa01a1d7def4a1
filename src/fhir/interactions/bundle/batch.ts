// https://hl7.org/fhir/R4/http.html#batch: entries processed one by one, each succeeding or failing on its own
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { withinTransaction, type Engine } from '../../engine.ts';
import { FhirErrors } from '../../errors.ts';
import type { CommittedContext, InteractionContext } from '../../hooks/points.ts';
import { outcomeForError } from '../../outcome.ts';
import type { FhirHeaders, FhirResponse } from '../../request.ts';
import { entryFor, statusLine } from '../../response.ts';
import { runPostCommit } from '../../write/write-resource.ts';
import type { EntryHandler } from '../bundle.ts';
import { atEntry } from './entry-error.ts';
import { giveWay } from './give-way.ts';
import { parseEntry, type BundleEntryPlan } from './entry-request.ts';
import { collectReferences, isPlaceholder } from './references.ts';
import { linkEntry, resolveConditionalReferences } from './resolve-references.ts';

interface BatchScope {
  readonly engine: Engine;
  readonly context: InteractionContext;
  readonly outer: FhirHeaders;
  readonly handle: EntryHandler;
  /** The fullUrls of all entries: a batch entry may not refer to another (http.html#brules). */
  readonly fullUrls: ReadonlySet<string>;
}

function assertIndependent(entry: BundleEntryPlan, fullUrls: ReadonlySet<string>): void {
  for (const { reference, path } of collectReferences(entry.request.body)) {
    if (isPlaceholder(reference) || fullUrls.has(reference)) {
      throw FhirErrors.batchInterdependency([reference], { expression: [path === '' ? 'reference' : `${path}.reference`] });
    }
  }
}

/** One entry in its own database transaction; its postCommit hooks run as soon as it has committed. */
async function runEntry(scope: BatchScope, entry: BundleEntryPlan): Promise<FhirResponse> {
  const { engine, context } = scope;
  assertIndependent(entry, scope.fullUrls);
  let deferred: CommittedContext[] = [];
  const response = await engine.repo.transaction(async (tx) => {
    deferred = [];
    const txEngine = withinTransaction(engine, tx, deferred);
    const conditional = await resolveConditionalReferences(txEngine, context, tx, [entry]);
    const linked = linkEntry(entry, { fullUrls: new Map(), conditional, baseUrl: engine.config.baseUrl });
    return scope.handle(linked.request, txEngine);
  });
  for (const committed of deferred) await runPostCommit(engine, committed);
  return response;
}

function failedEntry(scope: BatchScope, err: unknown, index: number): BundleEntry {
  const { status, outcome, fault } = outcomeForError(err);
  if (fault) scope.context.log.error({ err, entry: index }, 'batch entry failed');
  return { response: { status: statusLine(status), outcome } };
}

async function batchEntry(scope: BatchScope, raw: unknown, index: number): Promise<BundleEntry> {
  let entry: BundleEntryPlan | undefined;
  try {
    entry = parseEntry(raw, index, { baseUrl: scope.engine.config.baseUrl, outer: scope.outer, inTransaction: false, limits: scope.engine.config.limits });
    const response = await runEntry(scope, entry);
    return entryFor(response, entry.request, scope.engine.config.baseUrl);
  } catch (err) {
    return failedEntry(scope, entry ? atEntry(err, entry) : err, index);
  }
}

function fullUrlsOf(raw: readonly unknown[]): Set<string> {
  const urls = new Set<string>();
  for (const entry of raw) {
    const fullUrl = (entry as { fullUrl?: unknown } | null)?.fullUrl;
    if (typeof fullUrl === 'string') urls.add(fullUrl);
  }
  return urls;
}

/** Every entry gets its own status; the batch itself succeeds (200) whatever the entries did. */
export async function runBatch(engine: Engine, context: InteractionContext, raw: readonly unknown[], outer: FhirHeaders, handle: EntryHandler): Promise<FhirResponse> {
  const scope: BatchScope = { engine, context, outer, handle, fullUrls: fullUrlsOf(raw) };
  const entry: BundleEntry[] = [];
  for (let i = 0; i < raw.length; i++) {
    await giveWay(i);
    entry.push(await batchEntry(scope, raw[i], i));
  }
  const bundle: Bundle = { resourceType: 'Bundle', type: 'batch-response', entry };
  return { status: 200, resource: bundle };
}

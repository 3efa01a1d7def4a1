// https://hl7.org/fhir/R4/http.html#transaction and https://hl7.org/fhir/R4/http.html#batch
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import { limitLabel, type FhirLimits } from '../limits.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';
import { runBatch } from './bundle/batch.ts';
import { runTransaction } from './bundle/transaction.ts';

/** Handles one entry as an interaction; `engine` is the transaction-bound engine for transaction Bundles. */
export type EntryHandler = (req: FhirRequest, engine: Engine) => Promise<FhirResponse>;

/**
 * The Bundle posted to the base: its type and raw entries, each checked later by the mode that runs it. Too many
 * entries is 413 before any is looked at: the Bundle is well-formed, it is only more than this server takes in one
 * request (RFC 9110 §15.5.14), and the client can send the same entries in several Bundles.
 */
export function bundleToProcess(body: unknown, limits: FhirLimits): { type: 'transaction' | 'batch'; entries: readonly unknown[] } {
  if (typeof body !== 'object' || body === null || (body as { resourceType?: unknown }).resourceType !== 'Bundle') {
    throw FhirErrors.invalidBundle(['POST to the base needs a Bundle of type transaction or batch'], { expression: ['Bundle'] });
  }
  const { type, entry } = body as { type?: unknown; entry?: unknown };
  if (type !== 'transaction' && type !== 'batch') {
    throw FhirErrors.invalidBundle([`Bundle.type must be transaction or batch, not ${JSON.stringify(type ?? null)}`], { expression: ['Bundle.type'] });
  }
  if (entry !== undefined && !Array.isArray(entry)) throw FhirErrors.invalidBundle(['Bundle.entry must be a list'], { expression: ['Bundle.entry'] });
  if (entry !== undefined && entry.length > limits.maxBundleEntries) {
    throw FhirErrors.tooManyEntries([entry.length, limits.maxBundleEntries, limitLabel(limits, 'maxBundleEntries')], { expression: ['Bundle.entry'] });
  }
  return { type, entries: entry ?? [] };
}

export async function processBundle(engine: Engine, context: InteractionContext, req: FhirRequest, handle: EntryHandler): Promise<FhirResponse> {
  const { type, entries } = bundleToProcess(req.body, engine.config.limits);
  const run = type === 'transaction' ? runTransaction : runBatch;
  return run(engine, context, entries, req.headers, handle);
}

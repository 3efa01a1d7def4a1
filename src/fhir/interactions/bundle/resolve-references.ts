// https://hl7.org/fhir/R4/http.html#trules: references to other entries and conditional references, rewritten to ids
import type { Repository } from '../../../store/index.ts';
import type { Engine } from '../../engine.ts';
import { FhirErrors } from '../../errors.ts';
import type { InteractionContext } from '../../hooks/points.ts';
import { findForCondition } from '../../search/run-search.ts';
import { queryString } from '../query-string.ts';
import { atEntry } from './entry-error.ts';
import type { BundleEntryPlan } from './entry-request.ts';
import { baseOf, collectReferences, isConditionalReference, isPlaceholder, resolveAgainstEntries, rewriteReferences } from './references.ts';

/** Where a reference sits: `subject` in the entry's resource (or `[0].value` in a JSON Patch). */
function elementOf(path: string): string {
  return path === '' ? 'reference' : `${path}.reference`;
}

async function searchReference(engine: Engine, context: InteractionContext, repo: Repository, reference: string, path: string): Promise<string> {
  const q = reference.indexOf('?');
  const type = reference.slice(0, q);
  const query = queryString([...new URLSearchParams(reference.slice(q + 1)).entries()]);
  const where = { expression: [elementOf(path)] };
  if (query === '') throw FhirErrors.conditionalEmpty(['reference'], where);
  const matches = await findForCondition(engine, type, query, context, repo, 2);
  if (matches.length === 0) throw FhirErrors.conditionalNoMatch([type, query], where);
  if (matches.length > 1) throw FhirErrors.conditionalMultiple([type, query], where);
  return `${type}/${matches[0]!.id}`;
}

/**
 * Resolves each distinct conditional reference (`Patient?identifier=...`) once, by a search through `repo`:
 * exactly one match, or the error names the first entry and element that used it.
 */
export async function resolveConditionalReferences(
  engine: Engine,
  context: InteractionContext,
  repo: Repository,
  entries: readonly BundleEntryPlan[],
): Promise<Map<string, string>> {
  const firstUse = new Map<string, { entry: BundleEntryPlan; path: string }>();
  for (const entry of entries) {
    for (const { reference, path } of collectReferences(entry.request.body)) {
      if (isConditionalReference(reference) && !firstUse.has(reference)) firstUse.set(reference, { entry, path });
    }
  }
  const resolved = new Map<string, string>();
  for (const [reference, { entry, path }] of firstUse) {
    try {
      resolved.set(reference, await searchReference(engine, context, repo, reference, path));
    } catch (err) {
      throw atEntry(err, entry);
    }
  }
  return resolved;
}

export interface ReferenceTargets {
  /** fullUrl of an entry → the `Type/id` it was given. */
  readonly fullUrls: ReadonlyMap<string, string>;
  /** Conditional reference → the `Type/id` its search found. */
  readonly conditional: ReadonlyMap<string, string>;
  /** The server's base, for relative references in entries without an absolute fullUrl. */
  readonly baseUrl: string;
}

/** Rewrites the references of one entry; a placeholder (`urn:uuid:`) that names no entry fails the transaction. */
export function linkEntry(entry: BundleEntryPlan, targets: ReferenceTargets): BundleEntryPlan {
  if (entry.request.body === undefined) return entry;
  const base = baseOf(entry.fullUrl) ?? targets.baseUrl;
  const body = rewriteReferences(entry.request.body, (reference, path) => {
    const found = targets.conditional.get(reference) ?? resolveAgainstEntries(reference, base, targets.fullUrls);
    if (found === undefined && isPlaceholder(reference)) {
      throw atEntry(FhirErrors.unresolvedReference([reference, 'no entry of the Bundle has this fullUrl'], { expression: [elementOf(path)] }), entry);
    }
    return found;
  });
  return { ...entry, request: { ...entry.request, body } };
}

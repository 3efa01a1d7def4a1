// https://hl7.org/fhir/R4/search.html
import type { Bundle, BundleEntry, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { Repository, SearchPage, SearchQuery, StoredMatch } from '../../store/index.ts';
import type { Engine } from '../engine.ts';
import { FhirErrors } from '../errors.ts';
import { limitLabel } from '../limits.ts';
import type { InteractionContext } from '../hooks/points.ts';
import { applyScopes, scopeLookup } from './apply-scope.ts';
import { searchLinks } from './build-links.ts';
import { resolveIncludes } from './includes.ts';
import { parseSearch, type ParsedSearch } from './parse-search.ts';
import { applyElements, applySummary } from './subsetting.ts';
import { outcome } from '../outcome.ts';

export interface RunSearchOptions {
  /** Undefined for a system-level search over the served types (narrowed by `_type`). */
  resourceTypes?: string[];
  params: [string, string][];
  /** `Prefer: handling=strict`. */
  strict: boolean;
  context: InteractionContext;
  /** A transaction passes its own, so the search sees its writes. */
  repo?: Repository;
  /** The search's path below the base, for links: "Patient", or "" for a system search. */
  basePath: string;
}

/** A total is free when the last page is reached: everything before it plus what it holds. */
function knownTotal(query: SearchQuery, page: SearchPage): number | undefined {
  if (page.total !== undefined) return page.total;
  if (page.hasMore || query.count === 0) return undefined;
  return page.matches.length > 0 || query.offset === 0 ? query.offset + page.matches.length : undefined;
}

function matchResource(match: StoredMatch, parsed: ParsedSearch, engine: Engine): Resource {
  const resource = JSON.parse(match.json) as Resource;
  if (parsed.summary === 'true' || parsed.summary === 'text' || parsed.summary === 'data') return applySummary(resource, parsed.summary, engine.defs);
  if (parsed.elements) return applyElements(resource, parsed.elements, engine.defs);
  return resource;
}

function entry(engine: Engine, resource: Resource, mode: 'match' | 'include'): BundleEntry {
  return { fullUrl: `${engine.config.baseUrl}/${resource.resourceType}/${resource.id}`, resource, search: { mode } };
}

/** Warnings about parameters left out travel in the Bundle itself (https://hl7.org/fhir/R4/search.html#errors). */
function outcomeEntry(issues: OperationOutcomeIssue[]): BundleEntry {
  return { fullUrl: `urn:uuid:${randomUUID()}`, resource: outcome(issues), search: { mode: 'outcome' } };
}

/** Runs a search-type or search-system interaction and returns its `searchset` Bundle. */
export async function runSearch(engine: Engine, options: RunSearchOptions): Promise<Bundle> {
  const parsed = parseSearch(options.params, { defs: engine.defs, config: engine.config, resourceTypes: options.resourceTypes, strict: options.strict });
  const repo = options.repo ?? engine.repo;
  const scope = scopeLookup(engine, options.context);
  const query = { ...parsed.query, filter: await applyScopes(parsed.query.filter, parsed.query.resourceTypes, scope) };
  const page = await repo.search(query);
  const requests = { include: parsed.include, revinclude: parsed.revinclude };
  // The page stops at the limit with a warning rather than failing: the matches themselves are complete and useful.
  const { maxIncludedResources } = engine.config.limits;
  const { included, truncated } = await resolveIncludes(repo, scope, page.matches, requests, maxIncludedResources);
  const issues = [...parsed.warnings];
  if (truncated) {
    const diagnostics = `Only the first ${maxIncludedResources} included resources are returned (${limitLabel(engine.config.limits, 'maxIncludedResources')})`;
    issues.push({ severity: 'warning', code: 'too-costly', diagnostics, expression: [parsed.revinclude.length > 0 && parsed.include.length === 0 ? '_revinclude' : '_include'] });
  }
  const entries = [
    ...page.matches.map((m) => entry(engine, matchResource(m, parsed, engine), 'match')),
    ...included.map((m) => entry(engine, JSON.parse(m.json) as Resource, 'include')),
    ...(issues.length > 0 ? [outcomeEntry(issues)] : []),
  ];
  const base = options.basePath === '' ? engine.config.baseUrl : `${engine.config.baseUrl}/${options.basePath}`;
  const total = knownTotal(query, page);
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'searchset',
    ...(total !== undefined ? { total } : {}),
    link: searchLinks(base, parsed.linkParams, query.count, query.offset, page.hasMore),
    entry: entries,
  };
}

/**
 * The stored resources matching a conditional request's query (https://hl7.org/fhir/R4/http.html#ccreate),
 * at most `limit` of them. Conditions are handled strictly: an unknown parameter must not widen the match.
 */
export async function findForCondition(
  engine: Engine,
  resourceType: string,
  queryString: string,
  context: InteractionContext,
  repo: Repository = engine.repo,
  limit = 2,
): Promise<StoredMatch[]> {
  const pairs = [...new URLSearchParams(queryString)] as [string, string][];
  const parsed = parseSearch(pairs, { defs: engine.defs, config: engine.config, resourceTypes: [resourceType], strict: true });
  if (parsed.query.filter === undefined) throw FhirErrors.conditionalEmpty([context.interaction]);
  const scope = scopeLookup(engine, context);
  const filter = await applyScopes(parsed.query.filter, [resourceType], scope);
  const page = await repo.search({ resourceTypes: [resourceType], filter, sort: [], count: limit, offset: 0, total: 'none' });
  return page.matches;
}

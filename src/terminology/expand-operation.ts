// https://hl7.org/fhir/R4/valueset-operation-expand.html
import type { ValueSet, ValueSetExpansionContains, ValueSetExpansionParameter } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { OperationInput, type FhirResponse, type OperationInvocation } from '../fhir/index.ts';
import type { ExpandedConcept } from './concept-set.ts';
import { TerminologyErrors, refusal } from './errors.ts';
import { expandValueSet, type Expansion } from './expand-value-set.ts';
import { resolveTarget } from './operation-target.ts';
import type { Resolver } from './terminology-sources.ts';
import { textFilter } from './text-filter.ts';

interface ExpandRequest {
  readonly filter?: string;
  readonly offset: number;
  readonly count?: number;
  readonly activeOnly: boolean;
  readonly excludeNotForUI: boolean;
  readonly includeDesignations: boolean;
}

function readRequest(input: OperationInput): ExpandRequest {
  for (const name of ['context', 'contextDirection']) {
    input.unsupported(name, 'expand a value set by url or id');
  }
  return {
    filter: input.string('filter'),
    offset: input.integer('offset') ?? 0,
    count: input.integer('count'),
    activeOnly: input.boolean('activeOnly') ?? false,
    excludeNotForUI: input.boolean('excludeNotForUI') ?? false,
    includeDesignations: input.boolean('includeDesignations') ?? false,
  };
}

function refuseOpen(valueSet: ValueSet, expansion: Expansion, input: OperationInput): void {
  const open = [...expansion.openIncludes, ...expansion.openExcludes];
  if (open.length === 0) return;
  const reasons = [...new Set(open.map((p) => p.reason))].join('; ');
  throw refusal(TerminologyErrors.cannotExpand, [valueSet.url ?? `ValueSet/${valueSet.id}`, reasons], 'not-supported', [input.where('url')]);
}

function selected(expansion: Expansion, request: ExpandRequest): ExpandedConcept[] {
  const matches = request.filter ? textFilter(request.filter) : undefined;
  return [...expansion.concepts.values()].filter(
    (c) => !(request.activeOnly && c.inactive) && !(request.excludeNotForUI && c.abstract) && (!matches || matches(c)),
  );
}

function contains(concept: ExpandedConcept, designations: boolean): ValueSetExpansionContains {
  return {
    system: concept.system,
    ...(concept.version ? { version: concept.version } : {}),
    ...(concept.abstract ? { abstract: true } : {}),
    ...(concept.inactive ? { inactive: true } : {}),
    code: concept.code,
    ...(concept.display !== undefined ? { display: concept.display } : {}),
    ...(designations && concept.designation?.length ? { designation: [...concept.designation] } : {}),
  };
}

function echoed(request: ExpandRequest): ValueSetExpansionParameter[] {
  return [
    ...(request.filter !== undefined ? [{ name: 'filter', valueString: request.filter }] : []),
    ...(request.count !== undefined ? [{ name: 'count', valueInteger: request.count }] : []),
    ...(request.offset > 0 ? [{ name: 'offset', valueInteger: request.offset }] : []),
    ...(request.activeOnly ? [{ name: 'activeOnly', valueBoolean: true }] : []),
  ];
}

/**
 * The value set as returned: its identity and metadata plus the expansion. Not the narrative or compose (the
 * expansion replaces them), nor `meta`: this is a computed answer, not a stored version.
 */
function expanded(valueSet: ValueSet, concepts: ExpandedConcept[], request: ExpandRequest): ValueSet {
  const { text: _text, compose: _compose, expansion: _old, meta: _meta, ...metadata } = valueSet;
  const page = concepts.slice(request.offset, request.count === undefined ? undefined : request.offset + request.count);
  const parameter = echoed(request);
  return {
    ...metadata,
    expansion: {
      identifier: `urn:uuid:${randomUUID()}`,
      timestamp: new Date().toISOString(),
      total: concepts.length,
      offset: request.offset,
      ...(parameter.length > 0 ? { parameter } : {}),
      ...(page.length > 0 ? { contains: page.map((c) => contains(c, request.includeDesignations)) } : {}),
    },
  };
}

export async function expandOperation(call: OperationInvocation, resolver: Resolver): Promise<FhirResponse> {
  const input = new OperationInput(call.request, 'expand');
  const request = readRequest(input);
  const target = (await resolveTarget('ValueSet', call, input, resolver, { url: 'url', inline: 'valueSet', version: 'valueSetVersion' }))!;
  const expansion = await expandValueSet(target.resource, resolver, { cacheable: target.cacheable });
  refuseOpen(target.resource, expansion, input);
  return { status: 200, resource: expanded(target.resource, selected(expansion, request), request) };
}

// https://hl7.org/fhir/R4/http.html#capabilities — generated from what is served, never written by hand
import type { CapabilityStatement, CapabilityStatementRestResource, CapabilityStatementRestResourceInteraction, CapabilityStatementRestResourceSearchParam } from '@medplum/fhirtypes';
import { isSearchable } from '../definitions/search-parameter-types.ts';
import type { Engine } from '../engine.ts';
import { typeInteractions } from '../router/match-route.ts';
import type { FhirResponse } from '../request.ts';

export interface ServerIdentity {
  readonly name: string;
  readonly version: string;
  readonly description: string;
}

function searchParams(engine: Engine, type: string): CapabilityStatementRestResourceSearchParam[] {
  return [...engine.defs.searchParameters(type).values()]
    .filter(isSearchable)
    .map((p) => ({ name: p.code, definition: p.url, type: p.type }));
}

function resourceEntry(engine: Engine, type: string): CapabilityStatementRestResource {
  const params = [...engine.defs.searchParameters(type).values()].filter((p) => p.type === 'reference' && p.table);
  const operations = engine.operations
    .all()
    .filter((o) => (o.levels.includes('type') || o.levels.includes('instance')) && (!o.resourceTypes || o.resourceTypes.includes(type)))
    .map((o) => ({ name: o.name, definition: o.definition, documentation: o.documentation }));
  return {
    type: type as CapabilityStatementRestResource['type'],
    profile: `http://hl7.org/fhir/StructureDefinition/${type}`,
    interaction: typeInteractions().map((code) => ({ code: code as CapabilityStatementRestResourceInteraction['code'] })),
    versioning: 'versioned-update',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalRead: 'full-support',
    conditionalUpdate: true,
    conditionalDelete: 'single',
    referencePolicy: ['literal', 'logical', 'resolves', 'local'],
    searchInclude: ['*', ...params.map((p) => `${type}:${p.code}`)],
    searchRevInclude: engine.defs.servedTypes.flatMap((source) =>
      [...engine.defs.searchParameters(source).values()]
        .filter((p) => p.type === 'reference' && p.table && (p.target.length === 0 || p.target.includes(type)))
        .map((p) => `${source}:${p.code}`),
    ),
    searchParam: searchParams(engine, type),
    ...(operations.length ? { operation: operations } : {}),
  };
}

export function capabilityStatement(engine: Engine, identity: ServerIdentity, started: string): CapabilityStatement {
  const systemOps = engine.operations.all().filter((o) => o.levels.includes('system'));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: started,
    publisher: identity.name,
    kind: 'instance',
    software: { name: identity.name, version: identity.version },
    implementation: { description: identity.description, url: engine.config.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    patchFormat: ['application/json-patch+json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        resource: engine.defs.servedTypes.map((t) => resourceEntry(engine, t)),
        interaction: [{ code: 'transaction' }, { code: 'batch' }, { code: 'search-system' }, { code: 'history-system' }],
        searchParam: [
          { name: '_id', type: 'token', definition: 'http://hl7.org/fhir/SearchParameter/Resource-id' },
          { name: '_lastUpdated', type: 'date', definition: 'http://hl7.org/fhir/SearchParameter/Resource-lastUpdated' },
          { name: '_type', type: 'token' },
        ],
        ...(systemOps.length ? { operation: systemOps.map((o) => ({ name: o.name, definition: o.definition, documentation: o.documentation })) } : {}),
      },
    ],
  };
}

/** Changes a layer makes to the generated statement (its `rest[0].security`, for example), applied once when built. */
export type CapabilityContributor = (statement: CapabilityStatement) => void;

/** Where layers add to the CapabilityStatement before the app is ready; the engine applies them in order. */
export class CapabilityContributions {
  private readonly contributors: CapabilityContributor[] = [];
  private closed = false;

  contribute(contributor: CapabilityContributor): void {
    if (this.closed) throw new Error('CapabilityStatement contribution added after start');
    this.contributors.push(contributor);
  }

  close(): void {
    this.closed = true;
  }

  applyTo(statement: CapabilityStatement): CapabilityStatement {
    for (const contributor of this.contributors) contributor(statement);
    return statement;
  }
}

export function capabilities(engine: Engine, identity: ServerIdentity, started: string): FhirResponse {
  return { status: 200, resource: capabilityStatement(engine, identity, started) };
}

// https://hl7.org/fhir/R4/terminology-service.html: the operations a terminology service offers
import type { FhirResponse, OperationInvocation, OperationRegistry, OperationSpec } from '../fhir/index.ts';
import { expandOperation } from './expand-operation.ts';
import { lookupOperation } from './lookup.ts';
import { RepositoryTerminology } from './stored-terminology.ts';
import { subsumesOperation } from './subsumes.ts';
import type { Resolver, TerminologySources } from './terminology-sources.ts';
import { translateOperation } from './translate-operation.ts';
import { validateInCodeSystem, validateInValueSet } from './validate-code-operation.ts';

type Handler = (call: OperationInvocation, resolver: Resolver) => Promise<FhirResponse>;

interface Entry {
  readonly name: string;
  readonly resourceType: 'ValueSet' | 'CodeSystem' | 'ConceptMap';
  readonly levels: OperationSpec['levels'];
  readonly definition: string;
  readonly handler: Handler;
}

/** Levels as the R4 OperationDefinitions declare them (CodeSystem-lookup has no instance level). */
const OPERATIONS: readonly Entry[] = [
  { name: 'expand', resourceType: 'ValueSet', levels: ['type', 'instance'], definition: 'ValueSet-expand', handler: expandOperation },
  { name: 'validate-code', resourceType: 'ValueSet', levels: ['type', 'instance'], definition: 'ValueSet-validate-code', handler: validateInValueSet },
  { name: 'validate-code', resourceType: 'CodeSystem', levels: ['type', 'instance'], definition: 'CodeSystem-validate-code', handler: validateInCodeSystem },
  { name: 'lookup', resourceType: 'CodeSystem', levels: ['type'], definition: 'CodeSystem-lookup', handler: lookupOperation },
  { name: 'subsumes', resourceType: 'CodeSystem', levels: ['type', 'instance'], definition: 'CodeSystem-subsumes', handler: subsumesOperation },
  { name: 'translate', resourceType: 'ConceptMap', levels: ['type', 'instance'], definition: 'ConceptMap-translate', handler: translateOperation },
];

/**
 * Registers the terminology operations. Each call reads stored terminology through the call's own repository:
 * inside a transaction Bundle that is the transaction, so the operation sees the Bundle's earlier writes.
 */
export function registerTerminologyOperations(registry: OperationRegistry, sources: TerminologySources): void {
  for (const op of OPERATIONS) {
    registry.register({
      name: op.name,
      levels: op.levels,
      resourceTypes: [op.resourceType],
      methods: ['GET', 'POST'],
      definition: `http://hl7.org/fhir/OperationDefinition/${op.definition}`,
      handler: (call) => op.handler(call, sources.bind(new RepositoryTerminology(call.engine.repo))),
    });
  }
}

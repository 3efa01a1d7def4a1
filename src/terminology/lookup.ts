// https://hl7.org/fhir/R4/codesystem-operation-lookup.html
import type { CodeSystem, CodeSystemConceptProperty, ParametersParameter } from '@medplum/fhirtypes';
import { OperationInput, type FhirResponse, type OperationInvocation } from '../fhir/index.ts';
import type { IndexedConcept } from './code-system-index.ts';
import { TerminologyErrors } from './errors.ts';
import { codeParam, parametersResponse, partsParam, stringParam } from './parameters-output.ts';
import { externalSystemName } from './external-systems.ts';
import type { ListedCode } from './listed-codes.ts';
import type { Resolver } from './terminology-sources.ts';

interface LookupRequest {
  readonly system: string;
  readonly code: string;
  readonly version?: string;
  /** Where the code came from, for error locations: `code` or `coding`. */
  readonly codeParameter: string;
}

function readRequest(input: OperationInput): LookupRequest {
  const coding = input.coding('coding');
  const code = input.string('code');
  if (coding && code !== undefined) input.conflict('Give either code and system, or coding, not both', 'coding');
  const codeParameter = coding ? 'coding' : 'code';
  const system = coding ? coding.system : input.string('system');
  const value = coding ? coding.code : code;
  if (!value) input.missing('A code is required: code with system, or coding', codeParameter);
  if (!system) input.missing('The code system is required: system, or coding.system', coding ? 'coding' : 'system');
  return { system, code: value, version: input.string('version') ?? coding?.version, codeParameter };
}

/** One `property` part: code plus whatever value[x] the concept property carries. */
function propertyPart(property: CodeSystemConceptProperty): ParametersParameter {
  const valueKey = Object.keys(property).find((k) => k.startsWith('value')) as keyof CodeSystemConceptProperty | undefined;
  const value = valueKey ? { name: 'value', [valueKey]: property[valueKey] } : undefined;
  return partsParam('property', [codeParam('code', property.code), value as ParametersParameter | undefined]);
}

function properties(concept: IndexedConcept, wanted: ReadonlySet<string>): ParametersParameter[] {
  const list: CodeSystemConceptProperty[] = [
    ...[...concept.parents].map((p) => ({ code: 'parent', valueCode: p })),
    ...[...concept.children].map((c) => ({ code: 'child', valueCode: c })),
    ...(concept.definition !== undefined ? [{ code: 'definition', valueString: concept.definition }] : []),
    // Parent and child were merged into the hierarchy above, from nesting and properties alike.
    ...concept.property.filter((p) => p.code !== 'parent' && p.code !== 'child'),
  ];
  return list.filter((p) => wanted.size === 0 || wanted.has(p.code ?? '')).map(propertyPart);
}

function designations(concept: Pick<IndexedConcept, 'designation'>): ParametersParameter[] {
  return concept.designation.map((d) =>
    partsParam('designation', [codeParam('language', d.language), d.use ? { name: 'use', valueCoding: d.use } : undefined, stringParam('value', d.value)]),
  );
}

/**
 * A code of a system this server does not hold (ICPC-1-NL, SNOMED CT), answered from the value sets of Brug's
 * package that list it: their display and designations (Dutch ones where Brug gives them). The `name` says which
 * system; no version, since the server knows none.
 */
function listedLookup(request: LookupRequest, listed: ListedCode, wanted: ReadonlySet<string>): FhirResponse {
  return parametersResponse([
    stringParam('name', externalSystemName(request.system)),
    stringParam('display', listed.display ?? request.code),
    ...(wanted.size === 0 || wanted.has('designation') ? designations({ designation: listed.designation }) : []),
  ]);
}

export async function lookupOperation(call: OperationInvocation, resolver: Resolver): Promise<FhirResponse> {
  const input = new OperationInput(call.request, 'lookup');
  const request = readRequest(input);
  const canonical = request.version ? `${request.system}|${request.version}` : request.system;
  const found = await resolver.find('CodeSystem', canonical);
  if (!found || found.resource.content === 'not-present') {
    const listed = request.version === undefined ? resolver.sources.listedCodes.get(request.system, request.code) : undefined;
    if (listed) return listedLookup(request, listed, new Set(input.strings('property')));
    throw TerminologyErrors.codeSystemNotFound([canonical], { expression: [input.where(request.codeParameter === 'coding' ? 'coding' : 'system')] });
  }
  const codeSystem: CodeSystem = found.resource;
  const concept = resolver.sources.index(codeSystem).get(request.code);
  if (!concept) throw TerminologyErrors.codeNotFound([request.code, canonical], { expression: [input.where(request.codeParameter)] });
  const wanted = new Set(input.strings('property'));
  return parametersResponse([
    stringParam('name', codeSystem.title ?? codeSystem.name ?? codeSystem.url),
    stringParam('version', codeSystem.version),
    stringParam('display', concept.display ?? concept.code),
    ...(wanted.size === 0 || wanted.has('designation') ? designations(concept) : []),
    ...properties(concept, wanted),
  ]);
}

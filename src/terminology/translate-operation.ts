// https://hl7.org/fhir/R4/conceptmap-operation-translate.html
import type { Coding, ConceptMap } from '@medplum/fhirtypes';
import { OperationInput, type FhirResponse, type OperationInvocation } from '../fhir/index.ts';
import { resolveTarget } from './operation-target.ts';
import { booleanParam, codeParam, codingParam, parametersResponse, partsParam, stringParam } from './parameters-output.ts';
import type { Resolver } from './terminology-sources.ts';
import { isAcceptable, mapsBetween, translateWith, type TranslateMatch, type TranslateOptions } from './translate.ts';

/** The codings to translate: `code` with `system`, `coding`, or every coding of `codeableConcept`. */
function codingsToTranslate(input: OperationInput): Coding[] {
  input.exactlyOne(['code', 'coding', 'codeableConcept']);
  const code = input.string('code');
  if (code !== undefined) {
    const system = input.string('system');
    if (system === undefined) input.missing('A code needs its system', 'system');
    return [{ system, code, version: input.string('version') }];
  }
  const coding = input.coding('coding');
  if (coding) return [coding];
  return input.codeableConcept('codeableConcept')?.coding ?? [];
}

async function candidateMaps(call: OperationInvocation, input: OperationInput, resolver: Resolver, codings: Coding[], reverse: boolean): Promise<ConceptMap[]> {
  const target = await resolveTarget('ConceptMap', call, input, resolver, { url: 'url', inline: 'conceptMap', version: 'conceptMapVersion' }, true);
  if (target) return [target.resource];
  const source = input.string('source');
  const targetValueSet = input.string('target');
  const systems = [...new Set(codings.map((c) => c.system).filter((s): s is string => s !== undefined))];
  const found = (await Promise.all(systems.map((s) => resolver.conceptMapsFor(s, reverse)))).flat();
  const unique = [...new Map(found.map((f) => [f.resource.url ?? f.resource.id, f.resource])).values()];
  return unique.filter((m) => mapsBetween(m, source, targetValueSet, reverse));
}

function matchParam(match: TranslateMatch) {
  return partsParam('match', [codeParam('equivalence', match.equivalence), codingParam('concept', match.concept), match.source ? { name: 'source', valueUri: match.source } : undefined]);
}

export async function translateOperation(call: OperationInvocation, resolver: Resolver): Promise<FhirResponse> {
  const input = new OperationInput(call.request, 'translate');
  const options: TranslateOptions = { targetSystem: input.string('targetsystem'), reverse: input.boolean('reverse') ?? false };
  const codings = codingsToTranslate(input);
  const maps = await candidateMaps(call, input, resolver, codings, options.reverse);
  const matches = maps.flatMap((map) => codings.flatMap((c) => translateWith(map, c, options)));
  const result = matches.some(isAcceptable);
  const asked = codings.map((c) => `${c.system ?? ''}|${c.code ?? ''}`).join(', ');
  const message = result ? undefined : maps.length === 0 ? `No concept map is known for ${asked}` : `No acceptable mapping was found for ${asked}`;
  return parametersResponse([booleanParam('result', result), stringParam('message', message), ...matches.map(matchParam)]);
}

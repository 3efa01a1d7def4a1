// https://hl7.org/fhir/R4/valueset-operation-validate-code.html and https://hl7.org/fhir/R4/codesystem-operation-validate-code.html
import { OperationInput, type FhirResponse, type OperationInvocation } from '../fhir/index.ts';
import { resolveTarget } from './operation-target.ts';
import { booleanParam, parametersResponse, stringParam } from './parameters-output.ts';
import type { CodingInput } from './terminology-service.ts';
import type { Resolver } from './terminology-sources.ts';
import { checkCodings, checkInCodeSystem, checkInValueSet, type Verdict } from './validate-code.ts';

/** The codings to check: one (and only one) of `code` (with `system`), `coding` or `codeableConcept`. */
export function codingsToCheck(input: OperationInput, impliedSystem?: string): CodingInput[] {
  input.exactlyOne(['code', 'coding', 'codeableConcept']);
  const display = input.string('display');
  const code = input.string('code');
  if (code !== undefined) return [{ system: input.string('system') ?? impliedSystem, code, display }];
  const coding = input.coding('coding');
  if (coding) return [{ system: coding.system ?? impliedSystem, code: coding.code, display: display ?? coding.display }];
  return (input.codeableConcept('codeableConcept')?.coding ?? []).map((c) => ({ system: c.system, code: c.code, display: c.display }));
}

function verdictResponse(verdict: Verdict): FhirResponse {
  return parametersResponse([booleanParam('result', verdict.result), stringParam('message', verdict.message), stringParam('display', verdict.display)]);
}

export async function validateInValueSet(call: OperationInvocation, resolver: Resolver): Promise<FhirResponse> {
  const input = new OperationInput(call.request, 'validate-code');
  input.unsupported('context', 'validate against a value set by url or id');
  const target = (await resolveTarget('ValueSet', call, input, resolver, { url: 'url', inline: 'valueSet', version: 'valueSetVersion' }))!;
  const codings = codingsToCheck(input);
  const verdict = await checkCodings(codings, (c) => checkInValueSet(target.resource, c, resolver, target.cacheable));
  return verdictResponse(verdict);
}

export async function validateInCodeSystem(call: OperationInvocation, resolver: Resolver): Promise<FhirResponse> {
  const input = new OperationInput(call.request, 'validate-code');
  const target = (await resolveTarget('CodeSystem', call, input, resolver, { url: 'url', inline: 'codeSystem', version: 'version' }))!;
  const codings = codingsToCheck(input, target.resource.url);
  const verdict = await checkCodings(codings, async (c) => checkInCodeSystem(target.resource, c, resolver));
  return verdictResponse(verdict);
}

// https://hl7.org/fhir/R4/codesystem-operation-subsumes.html
import type { CodeSystem, Coding } from '@medplum/fhirtypes';
import { OperationInput, type FhirResponse, type OperationInvocation } from '../fhir/index.ts';
import type { CodeSystemIndex } from './code-system-index.ts';
import { TerminologyErrors } from './errors.ts';
import { resolveTarget } from './operation-target.ts';
import { codeParam, parametersResponse } from './parameters-output.ts';
import type { Resolver } from './terminology-sources.ts';

export type SubsumptionOutcome = 'equivalent' | 'subsumes' | 'subsumed-by' | 'not-subsumed';

/** How code A relates to code B in a code system's hierarchy. */
export function subsumption(index: CodeSystemIndex, codeA: string, codeB: string): SubsumptionOutcome {
  const a = index.get(codeA)!.code;
  const b = index.get(codeB)!.code;
  if (a === b) return 'equivalent';
  if (index.subsumedBy(b, a)) return 'subsumes';
  if (index.subsumedBy(a, b)) return 'subsumed-by';
  return 'not-subsumed';
}

/** `codeA` or `codingA` (likewise B): the code, and the system a coding names, if any. */
function side(input: OperationInput, letter: 'A' | 'B'): { code: string; system?: string; parameter: string } {
  const code = input.string(`code${letter}`);
  const coding: Coding | undefined = input.coding(`coding${letter}`);
  if (code !== undefined && coding) {
    input.conflict(`Give either code${letter} or coding${letter}, not both`, `coding${letter}`);
  }
  const value = code ?? coding?.code;
  if (!value) input.missing(`code${letter} (or coding${letter}) is required`, `code${letter}`);
  return { code: value, system: coding?.system, parameter: coding ? `coding${letter}` : `code${letter}` };
}

/** The code system named by `system`, the instance, or else the system of codingA or codingB. */
async function codeSystemFor(call: OperationInvocation, input: OperationInput, resolver: Resolver, fromCoding: string | undefined): Promise<CodeSystem> {
  const found =
    call.level === 'type' && !input.has('system') && fromCoding !== undefined
      ? await resolver.find('CodeSystem', fromCoding)
      : await resolveTarget('CodeSystem', call, input, resolver, { url: 'system', version: 'version' });
  const where = input.has('system') || fromCoding === undefined ? 'system' : 'codingA';
  if (!found || found.resource.content === 'not-present') throw TerminologyErrors.codeSystemNotFound([input.string('system') ?? fromCoding ?? ''], { expression: [input.where(where)] });
  return found.resource;
}

export async function subsumesOperation(call: OperationInvocation, resolver: Resolver): Promise<FhirResponse> {
  const input = new OperationInput(call.request, 'subsumes');
  const a = side(input, 'A');
  const b = side(input, 'B');
  const codeSystem = await codeSystemFor(call, input, resolver, a.system ?? b.system);
  const index = resolver.sources.index(codeSystem);
  for (const s of [a, b]) {
    if (s.system !== undefined && s.system !== codeSystem.url) {
      input.fail(s.parameter, `its system ${s.system} is not the code system ${codeSystem.url}`);
    }
    if (!index.get(s.code)) throw TerminologyErrors.unknownCode([s.code, codeSystem.url ?? ''], { expression: [input.where(s.parameter)] });
  }
  return parametersResponse([codeParam('outcome', subsumption(index, a.code, b.code))]);
}

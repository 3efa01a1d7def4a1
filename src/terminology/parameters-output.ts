import type { Coding, Parameters, ParametersParameter } from '@medplum/fhirtypes';
import type { FhirResponse } from '../fhir/index.ts';

/** An operation's `out` parameters; entries left undefined are omitted (0..1 outputs with no value). */
export function parametersResponse(parameters: readonly (ParametersParameter | undefined)[]): FhirResponse {
  const resource: Parameters = { resourceType: 'Parameters', parameter: parameters.filter((p): p is ParametersParameter => p !== undefined) };
  return { status: 200, resource };
}

export function stringParam(name: string, value: string | undefined): ParametersParameter | undefined {
  return value === undefined ? undefined : { name, valueString: value };
}

export function codeParam(name: string, value: string | undefined): ParametersParameter | undefined {
  return value === undefined ? undefined : { name, valueCode: value };
}

export function booleanParam(name: string, value: boolean): ParametersParameter {
  return { name, valueBoolean: value };
}

export function codingParam(name: string, value: Coding | undefined): ParametersParameter | undefined {
  return value === undefined ? undefined : { name, valueCoding: value };
}

export function partsParam(name: string, parts: readonly (ParametersParameter | undefined)[]): ParametersParameter {
  return { name, part: parts.filter((p): p is ParametersParameter => p !== undefined) };
}

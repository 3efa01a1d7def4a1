import { validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import type { CorpusCase } from '../test/conformance/corpus.ts';

export interface Timing {
  readonly usPerResource: number;
}

export type Mode = 'medplum' | 'base' | 'full';

function runner(mode: Mode, app: FastifyInstance): (resource: Record<string, unknown>) => unknown {
  if (mode === 'medplum') {
    return (resource) => {
      try {
        validateResource(resource as unknown as Resource);
      } catch {
        // An invalid resource throws: that is its verdict, and part of the work measured.
      }
    };
  }
  if (mode === 'base') return (resource) => app.conformance.validate(resource, { only: true, profiles: [] });
  return (resource) => app.conformance.validate(resource);
}

/** Best of `rounds` runs, each repeating the whole set for at least `minMs`, after one warm-up pass. */
export async function timeEach(cases: readonly CorpusCase[], mode: Mode, app: FastifyInstance, rounds: number, minMs: number): Promise<Timing> {
  const run = runner(mode, app);
  for (const c of cases) await run(c.resource);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    let n = 0;
    const start = performance.now();
    do {
      for (const c of cases) {
        const result = run(c.resource);
        if (result instanceof Promise) await result;
        n++;
      }
    } while (performance.now() - start < minMs);
    best = Math.min(best, ((performance.now() - start) * 1000) / n);
  }
  return { usPerResource: best };
}

/** Mean µs of a POST create of each example (id removed) through the app, and of validating the same bodies alone. */
export async function createCost(cases: readonly CorpusCase[], app: FastifyInstance, rounds: number): Promise<{ createUs: number; validateUs: number }> {
  const bodies = cases.filter((c) => c.resource.resourceType !== 'Bundle').map((c) => Object.fromEntries(Object.entries(c.resource).filter(([k]) => k !== 'id')));
  const post = (body: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/fhir/${String(body.resourceType)}`, payload: JSON.stringify(body), headers: { 'content-type': 'application/fhir+json' } });
  for (const body of bodies) {
    const res = await post(body);
    if (res.statusCode !== 201) throw new Error(`create of ${String(body.resourceType)} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
  let creates = 0;
  let start = performance.now();
  for (let r = 0; r < rounds * 10; r++) {
    for (const body of bodies) {
      await post(body);
      creates++;
    }
  }
  const createUs = ((performance.now() - start) * 1000) / creates;
  let validations = 0;
  start = performance.now();
  for (let r = 0; r < rounds * 10; r++) {
    for (const body of bodies) {
      await app.conformance.validate(body);
      validations++;
    }
  }
  return { createUs, validateUs: ((performance.now() - start) * 1000) / validations };
}

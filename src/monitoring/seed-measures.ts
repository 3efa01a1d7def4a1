import type { Measure } from '@medplum/fhirtypes';
import type { Engine } from '../fhir/index.ts';
import { measureResource } from './measure-resources.ts';
import { MEASURES } from './measures.ts';

function sameContent(stored: string, wanted: Measure): boolean {
  const { meta: _meta, ...rest } = JSON.parse(stored) as Measure;
  return JSON.stringify(rest) === JSON.stringify(wanted);
}

/**
 * Writes Brug's Measures at start-up: a Measure that is missing or differs from the definition in code gets a new
 * version, one that is the same is left alone, so restarts (and several instances) write nothing.
 * Found by their canonical url; one written under another id is updated where it is.
 */
export async function seedMeasures(engine: Engine): Promise<number> {
  let written = 0;
  await engine.repo.transaction(async (tx) => {
    await tx.lockKey('brug-monitoring-measures');
    for (const definition of MEASURES) {
      const wanted = measureResource(definition);
      const found = await tx.sql.query<{ id: string }>(
        "SELECT id FROM indexed_uri WHERE resource_type = 'Measure' AND param = 'url' AND value = $1 ORDER BY id LIMIT 1",
        [wanted.url],
      );
      const id = found.rows[0]?.id ?? definition.id;
      const current = await tx.readCurrent('Measure', id);
      if (current && !current.deleted && current.json && sameContent(current.json, { ...wanted, id })) continue;
      const versionId = (current?.versionId ?? 0) + 1;
      const lastUpdated = new Date().toISOString();
      const resource: Measure = { ...wanted, id, meta: { versionId: String(versionId), lastUpdated } };
      await tx.writeVersion({
        resourceType: 'Measure', id, versionId, lastUpdated, method: current ? 'PUT' : 'POST',
        json: JSON.stringify(resource), index: engine.indexer(resource), isNew: current === undefined,
      });
      written++;
    }
  });
  return written;
}

/**
 * The eenheid-van-taal layer: code systems, value sets and concept maps, their operations ($expand,
 * $validate-code, $lookup, $subsumes, $translate), and the code checks that bindings use (`app.terminology`).
 * Terminology comes from Brug's own package, then the base R4 content, then what is stored through the API.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import path from 'node:path';
import { BaseTerminology } from './base-terminology.ts';
import { isCanonicalType } from './canonical.ts';
import { loadPackage } from './load-package.ts';
import { LocalTerminologyService } from './local-terminology-service.ts';
import { registerTerminologyOperations } from './operations.ts';
import { SNAPSHOT_LIMIT, StoredSnapshot } from './stored-snapshot.ts';
import { NOTHING_STORED } from './stored-terminology.ts';
import type { TerminologyService } from './terminology-service.ts';
import { TerminologySources } from './terminology-sources.ts';

export type { TerminologyService, CodeCheck, CodingInput, CanonicalResourceOf } from './terminology-service.ts';

/**
 * The terminology of a package folder alone (and the base R4 content), for work outside a running app: a script,
 * a unit test. The app's own service (`app.terminology`) also answers from what is stored.
 */
export function packageTerminology(packageDir: string): TerminologyService {
  const sources = new TerminologySources(loadPackage(packageDir).index, new BaseTerminology());
  return new LocalTerminologyService(sources.bind(NOTHING_STORED));
}
export { TerminologyErrors } from './errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    terminology: TerminologyService;
  }
}

export interface TerminologyOptions {
  /** Folder of Brug's own terminology package; default `profiles/package` under the working directory. */
  readonly packageDir?: string;
  /** How old the snapshot of stored terminology that `app.terminology` uses may get before a background refresh. */
  readonly storedMaxAgeMs?: number;
}

const terminologyPlugin: FastifyPluginAsync<TerminologyOptions> = async (app, options) => {
  const packageDir = options.packageDir ?? path.resolve('profiles/package');
  const loaded = loadPackage(packageDir);
  for (const skipped of loaded.skipped) app.log.warn({ file: skipped.file, reason: skipped.reason }, 'terminology package file skipped');
  const sources = new TerminologySources(loaded.index, new BaseTerminology());
  const snapshot = new StoredSnapshot(app.fhirEngine.repo, options.storedMaxAgeMs ?? 60_000, (err) => app.log.error({ err }, 'reading stored terminology failed'));
  app.decorate('terminology', new LocalTerminologyService(sources.bind(snapshot)) as TerminologyService);
  registerTerminologyOperations(app.fhirOperations, sources);
  app.fhirHooks.on(
    'storage.postCommit',
    async ({ resourceType }) => {
      if (isCanonicalType(resourceType)) await snapshot.refresh();
    },
    { name: 'terminology-stored-snapshot' },
  );
  app.addHook('onReady', async () => {
    const { truncated } = await snapshot.refresh();
    if (truncated) app.log.warn({ limit: SNAPSHOT_LIMIT }, 'more stored terminology resources than the snapshot holds; binding checks see only the oldest');
  });
};

export const terminology = fp(terminologyPlugin, { name: 'brug-terminology', dependencies: ['brug-fhir'], fastify: '5.x' });

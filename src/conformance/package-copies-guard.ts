import type { WriteContext } from '../fhir/index.ts';
import { ConformanceErrors } from './errors.ts';
import type { CanonicalResource } from './package-resources.ts';

interface Canonical {
  url?: unknown;
  version?: unknown;
}

const keyOf = (type: string, resource: Canonical | undefined) => (resource ? `${type}|${String(resource.url)}|${String(resource.version)}` : undefined);

/**
 * `storage.preWrite`: the package's conformance resources that the server stores (seed-package.ts) are its contract,
 * the same for every client; none may change or delete them, nor store another resource under the same canonical
 * url and version, which would make `?url=` answer two contracts. Another version under the same url is fine.
 */
export function guardPackageCopies(resources: readonly CanonicalResource[]): (ctx: WriteContext) => Promise<void> {
  const owned = new Set(resources.map((r) => keyOf(r.resourceType, r)));
  return async (ctx) => {
    for (const resource of [ctx.previous, ctx.resource] as (Canonical | undefined)[]) {
      const key = keyOf(ctx.resourceType, resource);
      if (key !== undefined && owned.has(key)) throw ConformanceErrors.packageResource([ctx.resourceType, String(resource!.url), String(resource!.version)], { expression: [`${ctx.resourceType}.url`] });
    }
  };
}

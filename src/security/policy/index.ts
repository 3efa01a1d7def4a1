/**
 * The organisation-scoped access policy (issue 5): who may do what is decided per interaction
 * (`interaction.authorize`), which instances one reaches is a filter in the store's SQL (`search.scope`), and what
 * one may write is checked inside the write's transaction (`storage.preWrite`).
 */
import type { FastifyInstance } from 'fastify';
import { authorizeInteraction } from './authorize.ts';
import { claimOnlyPermitted } from './claimed-interactions.ts';
import { guardWrite } from './guard-write.ts';
import { scopeFor } from './scope-for.ts';

export { CUSTODIAN_SYSTEM } from './custodian.ts';

export function registerAccessPolicy(app: FastifyInstance): void {
  app.fhirHooks.on('interaction.authorize', authorizeInteraction, { name: 'security.access-policy', order: 10 });
  app.fhirHooks.on('search.scope', async ({ interaction, resourceType }) => scopeFor(interaction.principal, resourceType), { name: 'security.access-policy' });
  // Early, so nothing else acts on a write that is refused, and later hooks see the custodian tag.
  app.fhirHooks.on('storage.preWrite', guardWrite, { name: 'security.access-policy', order: 10 });
  app.fhirCapabilities.contribute(claimOnlyPermitted);
}

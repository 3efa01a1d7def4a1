/**
 * The information layer: every write is checked against the FHIR R4 definitions before it is stored.
 * (Profiles of the referral chain, bindings and invariants plug in here as well.)
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { ConformanceErrors } from './errors.ts';
import { StructureValidator } from './structure-validator.ts';

const conformancePlugin: FastifyPluginAsync = async (app) => {
  const validator = new StructureValidator(app.fhirEngine.defs.baseStructures);
  app.fhirHooks.on(
    'resource.validate',
    async ({ resource }) => {
      const issues = validator.validate(resource);
      if (issues.length > 0) {
        throw ConformanceErrors.invalidStructure([resource.resourceType, issues[0]!.diagnostics], { issues, expression: issues[0]!.expression });
      }
    },
    { name: 'base-structure', order: 10 },
  );
};

export const conformance = fp(conformancePlugin, { name: 'brug-conformance', dependencies: ['brug-fhir'], fastify: '5.x' });

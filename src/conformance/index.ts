/**
 * The information layer (handreiking §9, "informatie"): every create, update, patch and transaction entry is checked
 * against the base R4 definitions and against the profiles that apply to it, and `$validate` answers the same
 * question without writing. Base failures are 400, profile failures 422 (http.html#2.21.0.7); warnings never refuse.
 */
import path from 'node:path';
import type { StructureDefinition } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { TerminologyService } from '../terminology/index.ts';
import { buildValidator, type BaseValidation } from './build-validator.ts';
import { ConformanceErrors } from './errors.ts';
import type { ValidationOptions, ValidationReport } from './resource-validator.ts';
import { guardPackageCopies } from './package-copies-guard.ts';
import { readPackageResources } from './package-resources.ts';
import { seedPackageResources } from './seed-package.ts';
import { claimProfiles } from './supported-profiles.ts';
import { validateOperation } from './validate-operation.ts';

export type { ValidationOptions, ValidationReport } from './resource-validator.ts';
export { compileBaseValidation, type BaseValidation } from './build-validator.ts';

export interface ConformanceOptions {
  /** The project's FHIR package folder; missing or partial is fine. Default: `profiles/package` under the working directory. */
  readonly profileDirectory?: string;
  /** Resource type → profile URL the server requires (default: required-profiles.ts). */
  readonly requiredProfiles?: Readonly<Record<string, string>>;
  /** More StructureDefinitions to know (with snapshots), for example in tests. */
  readonly extraProfiles?: readonly StructureDefinition[];
  /** Base checks compiled once and shared by apps built on the same definitions (tests build many). */
  readonly base?: BaseValidation;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Validates a resource without writing it (the `$validate` logic), for other layers and tests. */
    conformance: { validate(resource: unknown, options?: ValidationOptions): Promise<ValidationReport> };
  }
}

/** The terminology layer is optional: without it the server still checks everything but bindings. */
function terminologyOf(app: FastifyInstance): TerminologyService | undefined {
  return app.hasDecorator('terminology') ? app.terminology : undefined;
}

function refusal(report: ValidationReport, type: string): Error {
  const first = report.issues.find((i) => i.severity === 'error' || i.severity === 'fatal')!;
  const details = { issues: report.issues, expression: first.expression };
  return report.baseError ? ConformanceErrors.invalidStructure([type, first.diagnostics], details) : ConformanceErrors.profileViolation([first.diagnostics], details);
}

const conformancePlugin: FastifyPluginAsync<ConformanceOptions> = async (app, options) => {
  let terminology: TerminologyService | undefined;
  const packageDirectory = options.profileDirectory ?? path.resolve('profiles/package');
  const { validator, registry, required, loaded } = buildValidator({
    baseStructures: app.fhirEngine.defs.baseStructures,
    base: options.base,
    readDefinitions: app.fhirEngine.defs.readBundle,
    packageDirectory,
    requiredProfiles: options.requiredProfiles,
    extraProfiles: options.extraProfiles,
    terminology: () => terminology,
  });
  if (loaded.problems.length > 0) app.log.warn({ problems: loaded.problems }, 'profile package: some files were skipped');
  app.log.info({ package: loaded.name, version: loaded.version, profiles: loaded.structureDefinitions.length, required: [...required.keys()] }, 'conformance: profiles loaded');
  const packageResources = readPackageResources(packageDirectory);
  app.fhirHooks.on('storage.preWrite', guardPackageCopies(packageResources), { name: 'conformance.package-copies', order: 20 });
  app.addHook('onReady', async () => {
    const written = await seedPackageResources(app.fhirEngine, packageResources);
    if (written > 0) app.log.info({ written }, 'conformance: package resources stored');
    terminology = terminologyOf(app);
    if (!terminology) app.log.warn('conformance: no terminology layer (app.terminology), so bindings are not checked');
  });
  app.decorate('conformance', { validate: (resource: unknown, opts?: ValidationOptions) => validator.validate(resource, opts) });

  app.fhirHooks.on(
    'resource.validate',
    async ({ resource, interaction }) => {
      const report = await validator.validate(resource);
      if (report.baseError || report.profileError) throw refusal(report, resource.resourceType);
      // Warnings do not refuse a write; a write has no place to return them, so they are logged (without the resource).
      const warnings = report.issues.filter((i) => i.severity === 'warning').length;
      if (warnings > 0) interaction.log.debug({ resourceType: resource.resourceType, warnings }, 'resource accepted with validation warnings');
    },
    { name: 'conformance', order: 10 },
  );
  app.fhirOperations.register(validateOperation(validator, (url) => registry.profile(url) !== undefined));
  app.fhirCapabilities.contribute(claimProfiles(loaded.structureDefinitions, required));
};

export const conformance = fp(conformancePlugin, { name: 'brug-conformance', dependencies: ['brug-fhir'], fastify: '5.x' });

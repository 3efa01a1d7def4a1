// https://hl7.org/fhir/R4/resource-operation-validate.html — POST [base]/[type]/$validate and [base]/[type]/[id]/$validate
import type { Resource } from '@medplum/fhirtypes';
import type { IssueDetail } from '../errors.ts';
import { OperationInput, type FhirRequest, type FhirResponse, type OperationInvocation, type OperationSpec } from '../fhir/index.ts';
import { entryProfileIssues } from './bundle-entries.ts';
import { ConformanceErrors } from './errors.ts';
import { rehearseTransaction } from './rehearse-transaction.ts';
import type { ResourceValidator } from './resource-validator.ts';
import { validationOutcome } from './validation-outcome.ts';

const MODES = ['create', 'update', 'delete', 'profile'] as const;
type Mode = (typeof MODES)[number];

interface ValidateInput {
  resource?: Record<string, unknown>;
  mode?: Mode;
  profile?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A body that is the resource itself rather than Parameters (and a Parameters posted to `Parameters/$validate`). */
function isBareResource(body: unknown, resourceType: string | undefined): boolean {
  if (!isObject(body)) return false;
  const params = body.resourceType === 'Parameters' && Array.isArray(body.parameter) ? body.parameter.filter(isObject) : undefined;
  return !params || (resourceType === 'Parameters' && !params.some((p) => p.name === 'resource'));
}

/** The parameters from a Parameters body (or a bare resource as the body) and from the query string. */
export function parseValidateInput(body: unknown, query: readonly [string, string][], resourceType?: string): ValidateInput {
  const request: FhirRequest = { method: 'POST', path: '', query: [...query], headers: {}, body };
  const input = new OperationInput(request, 'validate', isBareResource(body, resourceType) ? { bodyIs: 'resource' } : {});
  const resource = input.resource<Resource>('resource') as Record<string, unknown> | undefined;
  const mode = input.string('mode');
  const profile = input.string('profile');
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode)) {
    throw ConformanceErrors.invalidValidateRequest([`mode must be one of ${MODES.join(', ')}, got "${mode}"`], { expression: [input.where('mode')] });
  }
  return { ...(resource ? { resource } : {}), ...(mode ? { mode: mode as Mode } : {}), ...(profile ? { profile } : {}) };
}

async function storedResource(call: OperationInvocation): Promise<Record<string, unknown> | undefined> {
  const current = await call.engine.repo.readCurrent(call.resourceType!, call.id!);
  return current && !current.deleted && current.json ? (JSON.parse(current.json) as Record<string, unknown>) : undefined;
}

/** mode=delete: there are no deletion rules in this layer, so only whether there is something to delete. */
async function validateDelete(call: OperationInvocation): Promise<FhirResponse> {
  const exists = (await storedResource(call)) !== undefined;
  const issues: IssueDetail[] = exists ? [] : [{ severity: 'error', code: 'not-found', diagnostics: `${call.resourceType}/${call.id} does not exist, so it cannot be deleted`, expression: [call.resourceType!] }];
  return { status: 200, resource: validationOutcome(issues) };
}

async function handle(validator: ResourceValidator, known: (url: string) => boolean, call: OperationInvocation): Promise<FhirResponse> {
  const input = parseValidateInput(call.request.body, call.request.query, call.resourceType);
  const instance = call.level === 'instance';
  if ((input.mode === 'update' || input.mode === 'delete') && !instance) {
    throw ConformanceErrors.invalidValidateRequest([`mode=${input.mode} can only be used at the instance level ([base]/${call.resourceType}/[id]/$validate)`]);
  }
  if (input.mode === 'delete') return validateDelete(call);
  if (input.mode === 'profile' && !input.profile) throw ConformanceErrors.invalidValidateRequest(['mode=profile needs the profile parameter']);
  if (input.profile && !known(input.profile)) throw ConformanceErrors.unknownProfile([input.profile]);
  // At the instance level without a resource (and not as a create or update), the stored version is validated.
  const resource = input.resource ?? (instance && (input.mode === undefined || input.mode === 'profile') ? await storedResource(call) : undefined);
  if (!resource) throw ConformanceErrors.invalidValidateRequest([instance ? `no resource given, and ${call.resourceType}/${call.id} is not stored` : 'the resource parameter is required unless mode=delete']);
  if (resource.resourceType !== call.resourceType) {
    throw ConformanceErrors.invalidValidateRequest([`the resource is a ${String(resource.resourceType)}, but was posted to ${call.resourceType}`]);
  }
  const issues: IssueDetail[] = [];
  if (input.mode === 'update' && resource.id !== call.id) {
    issues.push({ severity: 'error', code: 'invalid', diagnostics: `An update of ${call.resourceType}/${call.id} needs a resource with id "${call.id}", found ${JSON.stringify(resource.id)}`, expression: [`${call.resourceType}.id`] });
  }
  // Without a mode this is general validation (base and claimed profiles); as a create or update, also what the server requires.
  const asWrite = input.mode === 'create' || input.mode === 'update';
  const options = input.mode === 'profile' ? { profiles: [input.profile!], only: true } : { profiles: input.profile ? [input.profile] : [], serverProfile: asWrite };
  const report = await validator.validate(resource, options);
  issues.push(...report.issues);
  if (resource.resourceType === 'Bundle' && input.mode !== 'profile') issues.push(...(await entryProfileIssues(validator, resource, asWrite)));
  // Only a transaction that is valid as written is worth running: the run would stop at the first of those errors.
  const rehearsal = resource.resourceType === 'Bundle' && resource.type === 'transaction' && input.mode !== 'profile' && !issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
  return { status: 200, resource: validationOutcome(issues, rehearsal ? await rehearseTransaction(call, resource) : []) };
}

export function validateOperation(validator: ResourceValidator, known: (url: string) => boolean): OperationSpec {
  return {
    name: 'validate',
    levels: ['type', 'instance'],
    // Every R4 type, stored here or not: a client checks the transaction Bundle it is about to send.
    everyType: true,
    methods: ['POST'],
    definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate',
    documentation: 'Validates a resource of any R4 type (also types not stored here, such as Bundle: each entry against its profiles too) against the base R4 definitions, its meta.profile, the profile the server requires for its type, and an optional profile parameter; answers 200 with an OperationOutcome. A transaction Bundle without errors is then rehearsed: run as the caller through every rule (access, integrity, the referral workflow and consent gate across its entries) and rolled back, so the outcome says whether sending it now would succeed, and why not.',
    handler: (call) => handle(validator, known, call),
  };
}

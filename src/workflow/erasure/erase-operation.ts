// Patient/[id]/$erase: the erasure the AVG (art. 17) gives a resident, as an administrator's operation.
import type { Parameters } from '@medplum/fhirtypes';
import type { FhirResponse, OperationInvocation, OperationRegistry } from '../../fhir/index.ts';
import { WorkflowErrors } from '../errors.ts';
import { eraseResident } from './erase-resident.ts';
import { brugOperationDefinition } from '../../canonical-urls.ts';

async function erase(call: OperationInvocation): Promise<FhirResponse> {
  const role = call.context.principal?.role;
  // Before anything is looked up: a practice or welfare organisation learns nothing, not even whether the id exists.
  if (role !== 'admin') throw WorkflowErrors.erasureAdminOnly([role ?? 'none']);
  const erased = await eraseResident(call.engine, call.id!);
  // Only pseudonymous references: the audit trail records this call, and nothing of the resident may outlive it.
  const result: Parameters = { resourceType: 'Parameters', parameter: erased.map((reference) => ({ name: 'erased', valueReference: { reference } })) };
  return { status: 200, resource: result };
}

export function registerEraseOperation(registry: OperationRegistry): void {
  registry.register({
    name: 'erase',
    levels: ['instance'],
    resourceTypes: ['Patient'],
    methods: ['POST'],
    definition: brugOperationDefinition('Patient-erase'),
    documentation:
      'Erasure of a resident (AVG art. 17), administrators only: the Patient and the Consents, ServiceRequests, Tasks and feedback of their referrals keep only the anonymous residue the key figures count, in every version.',
    handler: erase,
  });
}

// The caller is the engine's (src/fhir/principal.ts): security fills it in `request.authenticate`.
export type { ActingProfessional, OrganizationRef } from '../fhir/index.ts';

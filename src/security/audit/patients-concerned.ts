/**
 * The patient a resource is about, for NEN 7513's "whose record was accessed": a Patient is about itself; other
 * resources point at one through the element names FHIR uses for it.
 */
const PATIENT_ELEMENTS = ['subject', 'patient', 'for', 'beneficiary'] as const;
// Relative (Patient/x, Patient/x/_history/2) or absolute (https://host/fhir/Patient/x) references.
const PATIENT_REFERENCE = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** `Patient/<id>` of a reference, or undefined when it does not point at a Patient. */
export function patientReference(reference: unknown): string | undefined {
  if (typeof reference !== 'object' || reference === null) return undefined;
  const text = (reference as { reference?: unknown }).reference;
  if (typeof text !== 'string') return undefined;
  const m = PATIENT_REFERENCE.exec(text);
  return m ? `Patient/${m[1]}` : undefined;
}

/** The patients (as `Patient/<id>`) a resource concerns, without repeats. */
export function patientsConcerned(resource: unknown): string[] {
  if (typeof resource !== 'object' || resource === null) return [];
  const r = resource as Record<string, unknown>;
  if (r.resourceType === 'Patient') return typeof r.id === 'string' ? [`Patient/${r.id}`] : [];
  const found = new Set<string>();
  for (const name of PATIENT_ELEMENTS) {
    const value = r[name];
    for (const item of Array.isArray(value) ? value : [value]) {
      const ref = patientReference(item);
      if (ref) found.add(ref);
    }
  }
  return [...found];
}

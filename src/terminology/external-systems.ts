/**
 * Code systems the server refers to but does not hold (https://hl7.org/fhir/R4/terminologies-systems.html):
 * value sets may list their codes, but filters over them, or all of them, cannot be evaluated here.
 */
const NAMES: Readonly<Record<string, string>> = {
  'http://snomed.info/sct': 'SNOMED CT',
  'http://loinc.org': 'LOINC',
  'http://hl7.org/fhir/sid/icpc-1-nl': 'ICPC-1-NL',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://unitsofmeasure.org': 'UCUM',
  'urn:ietf:bcp:47': 'BCP 47 language tags',
  'urn:iso:std:iso:3166': 'ISO 3166 country codes',
};

/** The system's common name (`ICPC-1-NL`), or its URL when it has none here. */
export function externalSystemName(system: string): string {
  return NAMES[system] ?? system;
}

export function externalSystemReason(system: string): string {
  const name = NAMES[system];
  const what = name ? `${name} (${system})` : `code system ${system}`;
  return `${what} is not held by this server; only value sets that list its codes explicitly can be expanded`;
}

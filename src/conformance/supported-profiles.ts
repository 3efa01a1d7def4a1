import type { CapabilityStatement, StructureDefinition } from '@medplum/fhirtypes';

/**
 * A CapabilityStatement contribution: each resource type names the loaded package's profiles on it
 * (`supportedProfile`), and a type whose profile every write must meet names that one as its `profile`, so a
 * vendor learns from the statement which contract applies and where to download it.
 */
export function claimProfiles(definitions: readonly StructureDefinition[], required: ReadonlyMap<string, string>): (statement: CapabilityStatement) => void {
  const byType = new Map<string, string[]>();
  for (const sd of definitions) {
    if (sd.derivation !== 'constraint' || sd.kind !== 'resource' || !sd.type || !sd.url) continue;
    byType.set(sd.type, [...(byType.get(sd.type) ?? []), sd.url]);
  }
  return (statement) => {
    for (const resource of statement.rest?.flatMap((r) => r.resource ?? []) ?? []) {
      const profiles = byType.get(resource.type);
      if (profiles) resource.supportedProfile = [...new Set([...(resource.supportedProfile ?? []), ...profiles.sort()])];
      const enforced = required.get(resource.type);
      if (enforced) resource.profile = enforced;
    }
  };
}

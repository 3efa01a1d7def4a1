import type { StructureDefinition } from '@medplum/fhirtypes';
import { capitalise } from './element-model.ts';

/**
 * The type each choice suffix names (`valueQuantity` → Quantity, `valueDateTime` → dateTime): JSON spells a
 * choice element as its name plus the capitalised type (json.html#choice).
 */
export function suffixTypes(baseStructures: ReadonlyMap<string, StructureDefinition>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [type, sd] of baseStructures) {
    if (sd.kind === 'primitive-type' || sd.kind === 'complex-type') map.set(capitalise(type), type);
  }
  return map;
}

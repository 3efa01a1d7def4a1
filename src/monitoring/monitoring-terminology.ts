import type { CodeSystemConcept, Coding, ConceptMap } from '@medplum/fhirtypes';
import { BrugCodeSystems, BrugConceptMaps, BrugValueSets } from '../canonical-urls.ts';
import type { TerminologyService } from '../terminology/index.ts';

export const SNOMED = 'http://snomed.info/sct';

/** Reason code -> life domain, as three parallel arrays: the SQL joins them with unnest. */
export interface LifeDomainMap {
  readonly systems: string[];
  readonly codes: string[];
  readonly domains: string[];
}

/** What the figures need from Brug's FHIR package: the life domain of each reason, and displays for the strata. */
export interface MonitoringTerminology {
  readonly lifeDomains: LifeDomainMap;
  /** The CBS name of a gemeente code, when the package's CodeSystem brug-gemeente lists it. */
  gemeenteName(code: string): string | undefined;
  /** The coding a stratum shows for a code found in the data. */
  stratumCoding(stratifier: 'verwijzer-rol' | 'levensgebied' | 'uitkomst', code: string): Coding;
}

function conceptDisplays(concepts: readonly CodeSystemConcept[] | undefined, into = new Map<string, string>()): Map<string, string> {
  for (const c of concepts ?? []) {
    if (c.code && c.display) into.set(c.code, c.display);
    conceptDisplays(c.concept, into);
  }
  return into;
}

function lifeDomainMap(map: ConceptMap | undefined): LifeDomainMap {
  const out: LifeDomainMap = { systems: [], codes: [], domains: [] };
  for (const group of map?.group ?? []) {
    if (!group.source || group.target !== BrugCodeSystems.levensgebied) continue;
    for (const element of group.element ?? []) {
      for (const target of element.target ?? []) {
        if (!element.code || !target.code || target.equivalence === 'unmatched') continue;
        out.systems.push(group.source);
        out.codes.push(element.code);
        out.domains.push(target.code);
      }
    }
  }
  return out;
}

/** Reads what the figures need through the terminology layer, once, when the layer starts. */
export async function loadMonitoringTerminology(terminology: TerminologyService): Promise<MonitoringTerminology> {
  const levensgebied = conceptDisplays((await terminology.resource('CodeSystem', BrugCodeSystems.levensgebied))?.concept);
  const uitkomst = conceptDisplays((await terminology.resource('CodeSystem', BrugCodeSystems.uitkomst))?.concept);
  const roles = new Map<string, string>();
  for (const include of (await terminology.resource('ValueSet', BrugValueSets.verwijzerRol))?.compose?.include ?? []) {
    for (const c of include.concept ?? []) if (c.display) roles.set(c.code!, c.display);
  }
  const gemeenten = conceptDisplays((await terminology.resource('CodeSystem', BrugCodeSystems.gemeente))?.concept);
  const lifeDomains = lifeDomainMap(await terminology.resource('ConceptMap', BrugConceptMaps.verwijsredenLevensgebied));
  return {
    lifeDomains,
    gemeenteName: (code) => gemeenten.get(code),
    stratumCoding(stratifier, code) {
      if (stratifier === 'levensgebied') return { system: BrugCodeSystems.levensgebied, code, display: levensgebied.get(code) ?? code };
      if (stratifier === 'uitkomst') return { system: BrugCodeSystems.uitkomst, code, display: uitkomst.get(code) ?? code };
      if (code === 'onbekend') return { system: BrugCodeSystems.kengetal, code, display: 'Rol van de verwijzer onbekend' };
      return { system: SNOMED, code, display: roles.get(code) ?? code };
    },
  };
}

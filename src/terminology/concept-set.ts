import type { ValueSetComposeIncludeConceptDesignation } from '@medplum/fhirtypes';
import { TerminologyErrors, refusal } from './errors.ts';

/** One code of an expansion. */
export interface ExpandedConcept {
  readonly system: string;
  readonly version?: string;
  readonly code: string;
  readonly display?: string;
  readonly abstract?: boolean;
  readonly inactive?: boolean;
  readonly designation?: readonly ValueSetComposeIncludeConceptDesignation[];
}

function key(system: string, code: string): string {
  return `${system}\u0000${code}`;
}

/** Codes by system and code, in the order first added, with a ceiling on their number. */
export class ConceptSet {
  private readonly items = new Map<string, ExpandedConcept>();
  private readonly limit: number;
  private readonly name: string;

  constructor(limit: number, name: string) {
    this.limit = limit;
    this.name = name;
  }

  add(concept: ExpandedConcept): void {
    const k = key(concept.system, concept.code);
    if (this.items.has(k)) return;
    if (this.items.size >= this.limit) throw refusal(TerminologyErrors.expansionTooLarge, [this.name, this.limit], 'too-costly');
    this.items.set(k, concept);
  }

  addAll(other: ConceptSet): void {
    for (const c of other.values()) this.add(c);
  }

  get(system: string, code: string): ExpandedConcept | undefined {
    return this.items.get(key(system, code));
  }

  keepOnly(other: ConceptSet): void {
    for (const [k, c] of this.items) if (!other.get(c.system, c.code)) this.items.delete(k);
  }

  removeAll(other: ConceptSet): void {
    for (const c of other.values()) this.items.delete(key(c.system, c.code));
  }

  removeWhere(test: (concept: ExpandedConcept) => boolean): void {
    for (const [k, c] of this.items) if (test(c)) this.items.delete(k);
  }

  /** Concepts with this code in any system (for codes given without a system, as `code` elements are). */
  withCode(code: string): ExpandedConcept[] {
    return [...this.items.values()].filter((c) => c.code === code);
  }

  values(): IterableIterator<ExpandedConcept> {
    return this.items.values();
  }

  get size(): number {
    return this.items.size;
  }
}

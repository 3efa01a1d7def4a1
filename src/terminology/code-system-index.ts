import type { CodeSystem, CodeSystemConcept, CodeSystemConceptDesignation, CodeSystemConceptProperty } from '@medplum/fhirtypes';

/** One concept of a code system with its place in the hierarchy made explicit. */
export interface IndexedConcept {
  readonly code: string;
  readonly display?: string;
  readonly definition?: string;
  readonly designation: readonly CodeSystemConceptDesignation[];
  readonly property: readonly CodeSystemConceptProperty[];
  readonly parents: Set<string>;
  readonly children: Set<string>;
  readonly abstract: boolean;
  readonly inactive: boolean;
}

/** https://hl7.org/fhir/R4/codesystem-concept-properties.html: properties with a fixed meaning. */
function propertyValue(concept: CodeSystemConcept, code: string): unknown[] {
  return (concept.property ?? []).filter((p) => p.code === code).map((p) => p.valueCode ?? p.valueBoolean ?? p.valueString ?? p.valueCoding?.code);
}

function isInactive(concept: CodeSystemConcept): boolean {
  return propertyValue(concept, 'inactive').includes(true) || propertyValue(concept, 'status').some((s) => s === 'retired' || s === 'inactive');
}

function isAbstract(concept: CodeSystemConcept): boolean {
  return propertyValue(concept, 'notSelectable').includes(true) || propertyValue(concept, 'abstract').includes(true);
}

/**
 * A code system's concepts by code, with parents and children from both nesting (`concept.concept`) and the
 * `parent`/`child`/`subsumedBy` properties, so hierarchy filters and $subsumes need no tree walking.
 */
export class CodeSystemIndex {
  readonly codeSystem: CodeSystem;
  private readonly concepts = new Map<string, IndexedConcept>();
  private readonly folded = new Map<string, string>();
  private readonly caseSensitive: boolean;

  constructor(codeSystem: CodeSystem) {
    this.codeSystem = codeSystem;
    // R4: caseSensitive has no default; codes of FHIR's own systems are case sensitive, so assume so.
    this.caseSensitive = codeSystem.caseSensitive !== false;
    this.addAll(codeSystem.concept ?? [], undefined);
    this.linkProperties();
  }

  get(code: string): IndexedConcept | undefined {
    const exact = this.concepts.get(code);
    if (exact || this.caseSensitive) return exact;
    const key = this.folded.get(code.toLowerCase());
    return key === undefined ? undefined : this.concepts.get(key);
  }

  all(): IterableIterator<IndexedConcept> {
    return this.concepts.values();
  }

  get size(): number {
    return this.concepts.size;
  }

  /** Whether `code` is `ancestor` or lies below it. */
  subsumedBy(code: string, ancestor: string): boolean {
    const start = this.get(code);
    const target = this.get(ancestor)?.code;
    if (!start || target === undefined) return false;
    const seen = new Set<string>();
    const queue = [start.code];
    while (queue.length > 0) {
      const current = queue.pop()!;
      if (current === target) return true;
      if (seen.has(current)) continue;
      seen.add(current);
      queue.push(...(this.concepts.get(current)?.parents ?? []));
    }
    return false;
  }

  private addAll(list: readonly CodeSystemConcept[], parent: string | undefined): void {
    for (const concept of list) {
      const entry = this.entry(concept);
      if (parent !== undefined) {
        entry.parents.add(parent);
        this.concepts.get(parent)?.children.add(entry.code);
      }
      this.addAll(concept.concept ?? [], entry.code);
    }
  }

  private entry(concept: CodeSystemConcept): IndexedConcept {
    const entry: IndexedConcept = {
      code: concept.code ?? '',
      display: concept.display,
      definition: concept.definition,
      designation: concept.designation ?? [],
      property: concept.property ?? [],
      parents: new Set(),
      children: new Set(),
      abstract: isAbstract(concept),
      inactive: isInactive(concept),
    };
    this.concepts.set(entry.code, entry);
    this.folded.set(entry.code.toLowerCase(), entry.code);
    return entry;
  }

  private linkProperties(): void {
    for (const entry of this.concepts.values()) {
      for (const p of entry.property) {
        const other = p.valueCode ?? p.valueCoding?.code;
        if (other === undefined || !this.concepts.has(other)) continue;
        if (p.code === 'parent' || p.code === 'subsumedBy') link(this.concepts.get(other)!, entry);
        if (p.code === 'child') link(entry, this.concepts.get(other)!);
      }
    }
  }
}

function link(parent: IndexedConcept, child: IndexedConcept): void {
  parent.children.add(child.code);
  child.parents.add(parent.code);
}

import type { ExpandedConcept } from './concept-set.ts';

/** Lower case without diacritics, so "cliënt" matches "client". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function wordsOf(text: string | undefined): string[] {
  return fold(text ?? '').split(/[^\p{L}\p{N}]+/u);
}

/**
 * The `filter` text of $expand, which the spec leaves to the server: every word of the filter must start a word
 * of one text of the concept (its display, or one of its designations, such as the Dutch one of a SNOMED CT code),
 * or start the code. So "fem" finds "Female", "male" does not, and "eenzaam" finds 267076002 "Feeling lonely".
 */
export function textFilter(filter: string): (concept: ExpandedConcept) => boolean {
  const terms = fold(filter).split(/\s+/).filter((t) => t !== '');
  return (concept) => {
    const code = fold(concept.code);
    const texts = [concept.display, ...(concept.designation ?? []).map((d) => d.value)].map(wordsOf);
    return texts.some((words) => terms.every((t) => code.startsWith(t) || words.some((w) => w.startsWith(t))));
  };
}

import type { ExpandedConcept } from './concept-set.ts';

/** Lower case without diacritics, so "cliënt" matches "client". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The `filter` text of $expand, which the spec leaves to the server: every word of the filter must start a word
 * of the display, or start the code. So "fem" finds "Female", and "male" does not.
 */
export function textFilter(filter: string): (concept: ExpandedConcept) => boolean {
  const terms = fold(filter).split(/\s+/).filter((t) => t !== '');
  return (concept) => {
    const words = fold(concept.display ?? '').split(/[^\p{L}\p{N}]+/u);
    const code = fold(concept.code);
    return terms.every((t) => code.startsWith(t) || words.some((w) => w.startsWith(t)));
  };
}

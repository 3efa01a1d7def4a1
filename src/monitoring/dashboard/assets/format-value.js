// How a figure reads on screen (Dutch number format) and in the CSV file.

const DUTCH = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

export function formatNumber(value) {
  return DUTCH.format(value);
}

/** What a masked cell says: never a number, so "< 5" cannot be read as under 5 % or under 5 days. */
export const MASKED_TEXT = 'afgeschermd';

/**
 * Why a figure is masked, in the unit the small count is in. A masked figure rests on fewer referrals (or practices,
 * organisations) than the threshold, or is masked because it would give such a figure away (the year minus the other
 * quarters): the server does not say which, so the page says both.
 */
export function maskedReason(threshold, noun) {
  return `minder dan ${threshold} ${noun}, of af te leiden uit zo'n klein aantal`;
}

/** On screen: a masked figure says so, never 0; a figure with nothing to compute it from is "–". */
export function cellText(cell) {
  if (cell.masked) return MASKED_TEXT;
  if (cell.absent) return '–';
  return formatNumber(cell.value);
}

/** In the CSV: the full value with a decimal comma (the `;` separator is the Dutch spreadsheet convention). */
export function csvValue(cell) {
  if (cell.masked) return MASKED_TEXT;
  if (cell.absent) return '';
  return String(cell.value).replace('.', ',');
}

/** The attributes tests and scripts read a shown value by, and the reason a masked one gives on hover. */
export function markCell(element, figureKey, period, cell, stratum, reason) {
  element.dataset.figure = figureKey;
  element.dataset.period = period.key;
  if (stratum !== undefined) element.dataset.stratum = stratum;
  if (cell.masked) {
    element.dataset.masked = 'true';
    if (reason) element.title = `Afgeschermd: ${reason}, zodat niemand herkenbaar is.`;
  }
  else if (!cell.absent) element.dataset.value = String(cell.value);
}

// How a figure reads on screen (Dutch number format) and in the CSV file.

const DUTCH = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

export function formatNumber(value) {
  return DUTCH.format(value);
}

/** On screen: a masked figure is "< 5" (the threshold), never 0; a figure with nothing to compute it from is "–". */
export function cellText(cell, threshold) {
  if (cell.masked) return `< ${threshold}`;
  if (cell.absent) return '–';
  return formatNumber(cell.value);
}

/** In the CSV: the full value with a decimal comma (the `;` separator is the Dutch spreadsheet convention). */
export function csvValue(cell, threshold) {
  if (cell.masked) return `<${threshold}`;
  if (cell.absent) return '';
  return String(cell.value).replace('.', ',');
}

/** The attributes tests and scripts read a shown value by. */
export function markCell(element, figureKey, period, cell, stratum) {
  element.dataset.figure = figureKey;
  element.dataset.period = period.key;
  if (stratum !== undefined) element.dataset.stratum = stratum;
  if (cell.masked) {
    element.dataset.masked = 'true';
    element.title = 'Niet getoond: berust op te weinig verwijzingen, zodat iemand herkenbaar zou kunnen zijn.';
  }
  else if (!cell.absent) element.dataset.value = String(cell.value);
}

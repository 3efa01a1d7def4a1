// One table per breakdown (referrer role, life domain, outcome): a row per stratum, a column for the year, the year
// before and each quarter, and the group's own total at the foot.
import { h } from './build-element.js';
import { cellText, markCell, maskedReason } from './format-value.js';

function valueCells(figure, cells, periods, threshold, stratum) {
  return periods.map((p) => {
    const cell = cells[p.key];
    const td = h('td', { class: [cell.masked ? 'gemaskeerd' : '', p.previous ? 'vorig' : '', p.quarter === 1 ? 'eerste-kwartaal' : ''].filter(Boolean).join(' ') || undefined }, cellText(cell));
    markCell(td, figure.figureKey, p, cell, stratum, maskedReason(threshold, figure.noun));
    return td;
  });
}

/** The year and the year before first, where they are seen at once; then the quarters. */
function columnOrder(periods) {
  return [...periods.filter((p) => p.quarter === undefined), ...periods.filter((p) => p.quarter !== undefined)];
}

function table(breakdown, allPeriods, threshold, footnote) {
  const periods = columnOrder(allPeriods);
  const head = h('tr', {}, h('th', { scope: 'col' }, breakdown.stratifierLabel), periods.map((p) => h('th', { scope: 'col', class: p.previous ? 'vorig' : p.quarter === 1 ? 'eerste-kwartaal' : undefined }, p.label)));
  const rows = breakdown.rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.display ?? row.code), valueCells(breakdown, row.cells, periods, threshold, row.code)));
  const total = h('tr', {}, h('th', { scope: 'row' }, 'Totaal'), valueCells(breakdown, breakdown.cells, periods, threshold));
  const empty = breakdown.rows.length === 0 ? h('tr', {}, h('td', { colspan: periods.length + 1, class: 'leeg' }, 'Geen gegevens in deze periode.')) : undefined;
  return h(
    'article',
    { class: 'uitsplitsing', 'data-card': breakdown.figureKey },
    h('h3', {}, breakdown.title, ' ', h('a', { class: 'voetnoot', href: `#definitie-${footnote}`, title: breakdown.definition, 'aria-label': `definitie ${footnote}` }, String(footnote))),
    h('table', {}, h('caption', { class: 'visually-hidden' }, `${breakdown.title} per kwartaal, dit jaar en vorig jaar`), h('thead', {}, head), h('tbody', {}, rows, empty), h('tfoot', {}, total)),
  );
}

export function renderBreakdowns(container, model, threshold, footnoteOf) {
  container.replaceChildren(...model.breakdowns.map((b) => table(b, model.periods, threshold, footnoteOf(b))));
}

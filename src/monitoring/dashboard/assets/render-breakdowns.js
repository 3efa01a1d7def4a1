// One table per breakdown (referrer role, life domain, outcome): a row per stratum, a column per period, and the
// group's own total at the foot.
import { h } from './build-element.js';
import { cellText, markCell } from './format-value.js';

function valueCells(figure, cells, periods, threshold, stratum) {
  return periods.map((p) => {
    const cell = cells[p.key];
    const td = h('td', { class: cell.masked ? 'gemaskeerd' : undefined }, cellText(cell, threshold));
    markCell(td, figure.figureKey, p, cell, stratum);
    return td;
  });
}

function table(breakdown, periods, threshold) {
  const head = h('tr', {}, h('th', { scope: 'col' }, breakdown.stratifierLabel), periods.map((p) => h('th', { scope: 'col' }, p.label)));
  const rows = breakdown.rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.display ?? row.code), valueCells(breakdown, row.cells, periods, threshold, row.code)));
  const total = h('tr', {}, h('th', { scope: 'row' }, 'Totaal'), valueCells(breakdown, breakdown.cells, periods, threshold));
  const empty = breakdown.rows.length === 0 ? h('tr', {}, h('td', { colspan: periods.length + 1, class: 'leeg' }, 'Geen gegevens in deze periode.')) : undefined;
  return h(
    'article',
    { class: 'uitsplitsing' },
    h('h3', {}, breakdown.title),
    h('table', {}, h('caption', { class: 'visually-hidden' }, `${breakdown.title} per ${breakdown.stratifierLabel.toLowerCase()}`), h('thead', {}, head), h('tbody', {}, rows, empty), h('tfoot', {}, total)),
  );
}

export function renderBreakdowns(container, model, threshold) {
  container.replaceChildren(...model.breakdowns.map((b) => table(b, model.periods, threshold)));
}

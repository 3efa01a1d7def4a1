// One tile per headline figure: the year's value against the national target, the quarter trend as a chart and
// the quarter values as a row of numbers (what the chart shows, readable and exportable).
import { h } from './build-element.js';
import { cellText, formatNumber, markCell } from './format-value.js';
import { quartersOf, yearOf } from './periods.js';
import { renderTrendChart } from './render-trend-chart.js';

function targetText(target) {
  if (target.low !== undefined && target.high !== undefined) return `${formatNumber(target.low)} – ${formatNumber(target.high)}`;
  if (target.low !== undefined) return `ten minste ${formatNumber(target.low)}`;
  return `ten hoogste ${formatNumber(target.high)}`;
}

function targetStatus(cell, target) {
  if (cell.masked || cell.absent) return undefined;
  if (target.low !== undefined && cell.value < target.low) return { text: 'onder de streefwaarde', tone: 'onder' };
  if (target.high !== undefined && cell.value > target.high) return { text: 'boven de streefwaarde', tone: 'boven' };
  return { text: 'binnen de streefwaarde', tone: 'binnen' };
}

function targetLine(figure, yearCell) {
  const target = figure.target;
  if (!target || (target.low === undefined && target.high === undefined)) return undefined;
  const status = targetStatus(yearCell, target);
  return h(
    'p',
    { class: 'streefwaarde' },
    `Landelijke streefwaarde: ${targetText(target)}`,
    status ? h('span', { class: `status status-${status.tone}` }, status.text) : undefined,
  );
}

function quarterTable(figure, quarters, threshold) {
  const cells = quarters.map((q) => {
    const cell = figure.cells[q.key];
    const td = h('td', { class: cell.masked ? 'gemaskeerd' : undefined }, cellText(cell, threshold));
    markCell(td, figure.figureKey, q, cell);
    return td;
  });
  return h('table', { class: 'kwartalen' }, h('caption', { class: 'visually-hidden' }, `${figure.title}, ${figure.label}, per kwartaal`), h('tr', {}, quarters.map((q) => h('th', { scope: 'col' }, q.label))), h('tr', {}, cells));
}

function tile(figure, periods, threshold) {
  const year = yearOf(periods);
  const yearCell = figure.cells[year.key];
  const value = h('span', { class: `getal${yearCell.masked ? ' gemaskeerd' : ''}` }, cellText(yearCell, threshold));
  markCell(value, figure.figureKey, year, yearCell);
  const chart = h('div', { class: 'grafiek', role: 'img', 'aria-label': `${figure.title}, ${figure.label}: verloop per kwartaal` });
  const article = h(
    'article',
    { class: 'tegel' },
    h('h3', {}, figure.title),
    h('p', { class: 'groep' }, figure.label),
    // A masked figure rests on fewer referrals than the threshold: its unit would make "< 5 %" read as a percentage.
    h('p', { class: 'waarde' }, value, figure.shortUnit && yearCell.value !== undefined ? h('span', { class: 'eenheid' }, ` ${figure.shortUnit}`) : undefined),
    targetLine(figure, yearCell),
    chart,
    quarterTable(figure, quartersOf(periods), threshold),
  );
  return { article, chart };
}

/** Renders the tiles into `container`; the charts are drawn once the tiles have their width. */
export function renderTiles(container, model, threshold) {
  const built = model.figures.map((figure) => ({ figure, ...tile(figure, model.periods, threshold) }));
  container.replaceChildren(...built.map((b) => b.article));
  for (const { figure, chart } of built) {
    const values = quartersOf(model.periods).map((q) => figure.cells[q.key].value ?? null);
    renderTrendChart(chart, { values, target: figure.target, label: figure.label });
  }
}

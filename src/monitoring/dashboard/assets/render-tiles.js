// One card per headline figure: its own title with a footnote to its definition, this year's value beside last
// year's, the national target, the quarter trend as a chart scaled to the data (target as a line) and the quarter
// values in words and numbers (what the chart shows, readable and exportable).
import { h } from './build-element.js';
import { cellText, formatNumber, markCell, maskedReason, MASKED_TEXT } from './format-value.js';
import { previousYearOf, quartersOf, yearOf } from './periods.js';
import { renderTrendChart } from './render-trend-chart.js';

function targetText(target) {
  if (target.low !== undefined && target.high !== undefined) return `${formatNumber(target.low)} tot ${formatNumber(target.high)}`;
  if (target.low !== undefined) return `ten minste ${formatNumber(target.low)}`;
  return `ten hoogste ${formatNumber(target.high)}`;
}

function targetStatus(cell, target) {
  if (cell.masked || cell.absent) return undefined;
  if (target.low !== undefined && cell.value < target.low) return { text: 'onder de streefwaarde', tone: 'onder' };
  if (target.high !== undefined && cell.value > target.high) return { text: 'boven de streefwaarde', tone: 'boven' };
  return { text: 'binnen de streefwaarde', tone: 'binnen' };
}

function hasTarget(figure) {
  return figure.target && (figure.target.low !== undefined || figure.target.high !== undefined);
}

function targetLine(figure, yearCell) {
  if (!hasTarget(figure)) return undefined;
  const status = targetStatus(yearCell, figure.target);
  return h(
    'p',
    { class: 'streefwaarde' },
    `Landelijke streefwaarde: ${targetText(figure.target)}`,
    status ? h('span', { class: `status status-${status.tone}` }, status.text) : undefined,
  );
}

/** The big number with its unit, or, when masked, the word and why (in the unit the small count is in). */
function valueLine(figure, period, cell, threshold, className) {
  const reason = maskedReason(threshold, figure.noun);
  const number = h('span', { class: `getal${cell.masked ? ' gemaskeerd' : ''}` }, cellText(cell));
  markCell(number, figure.figureKey, period, cell, undefined, reason);
  let unit;
  if (cell.masked) unit = h('span', { class: 'eenheid reden' }, className === 'vorig-jaar' ? ` (${reason})` : reason);
  else if (!cell.absent && figure.cardUnit) unit = h('span', { class: 'eenheid' }, ` ${figure.cardUnit}`);
  return h('p', { class: className }, className === 'vorig-jaar' ? `${period.label}: ` : undefined, number, unit);
}

/** The quarters as label and value pairs, two to a row, so that a masked quarter has room to say so in words. */
function quarterList(figure, quarters, threshold) {
  const reason = maskedReason(threshold, figure.noun);
  const pairs = quarters.map((q) => {
    const cell = figure.cells[q.key];
    const value = h('dd', { class: cell.masked ? 'gemaskeerd' : undefined }, cellText(cell));
    markCell(value, figure.figureKey, q, cell, undefined, reason);
    return h('div', {}, h('dt', {}, q.label), value);
  });
  return [h('p', { class: 'visually-hidden' }, `${figure.title} per kwartaal:`), h('dl', { class: 'kwartalen' }, pairs)];
}

/** Why a card draws no chart: a chart of only gaps and zeros is an empty axis that says nothing. */
function chartNote(values) {
  if (values.every((v) => v === null)) return `Geen grafiek: geen kwartaal heeft een getal om te tonen (${MASKED_TEXT} of onbekend).`;
  if (values.every((v) => v === null || v === 0)) return 'Geen grafiek: de kwartalen die getoond kunnen worden zijn 0.';
  return undefined;
}

function card(figure, periods, threshold, footnote) {
  const year = yearOf(periods);
  const previous = previousYearOf(periods);
  const quarters = quartersOf(periods);
  const values = quarters.map((q) => figure.cells[q.key].value ?? null);
  const note = chartNote(values);
  const chart = note ? undefined : h('div', { class: 'grafiek', role: 'img', 'aria-label': `${figure.title}: verloop per kwartaal in ${year.label}` });
  const article = h(
    'article',
    { class: 'tegel', 'data-card': figure.figureKey },
    h('h3', {}, figure.title, ' ', h('a', { class: 'voetnoot', href: `#definitie-${footnote}`, title: figure.definition, 'aria-label': `definitie ${footnote}` }, String(footnote))),
    valueLine(figure, year, figure.cells[year.key], threshold, 'waarde'),
    previous ? valueLine(figure, previous, figure.cells[previous.key], threshold, 'vorig-jaar') : undefined,
    targetLine(figure, figure.cells[year.key]),
    chart ?? h('p', { class: 'geen-grafiek' }, note),
    quarterList(figure, quarters, threshold),
  );
  return { article, chart, values };
}

/** Renders the cards into `container`; the charts are drawn once the cards have their width. */
export function renderTiles(container, model, threshold, footnoteOf) {
  const built = model.figures.map((figure) => ({ figure, ...card(figure, model.periods, threshold, footnoteOf(figure)) }));
  container.replaceChildren(...built.map((b) => b.article));
  for (const { figure, chart, values } of built) {
    if (chart) renderTrendChart(chart, { values, masked: quartersOf(model.periods).map((q) => Boolean(figure.cells[q.key].masked)), target: hasTarget(figure) ? figure.target : undefined, label: figure.title });
  }
}

// "CSV exporteren": every figure the page shows, one row per measure, group, period and stratum, built and
// downloaded in the browser (the data never goes back to a server).
import { csvValue } from './format-value.js';

const HEADER = ['gemeente', 'periode', 'kengetal', 'groep', 'uitsplitsing', 'waarde', 'eenheid'];

function field(text) {
  const s = String(text ?? '');
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `uitsplitsing` is `<stratifier>=<code>` for a stratum's row and empty for the group's own figure. */
export function buildCsv(model) {
  const gemeente = model.gemeente.code ?? '';
  const rows = [HEADER];
  const add = (figure, cells, stratum) => {
    for (const p of model.periods) rows.push([gemeente, p.key, figure.measureId, figure.groupCode, stratum ?? '', csvValue(cells[p.key]), figure.unit]);
  };
  for (const figure of model.figures) add(figure, figure.cells);
  for (const breakdown of model.breakdowns) {
    add(breakdown, breakdown.cells);
    for (const row of breakdown.rows) add(breakdown, row.cells, `${breakdown.stratifier}=${row.code}`);
  }
  return rows.map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}

export function csvFileName(model) {
  const year = model.periods.find((p) => p.quarter === undefined && !p.previous)?.key ?? '';
  return `brug-kengetallen-${model.gemeente.code ?? 'gemeente'}-${year}.csv`;
}

/** A byte-order mark first, so spreadsheet programs read the file as UTF-8. */
export function downloadCsv(text, fileName) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Turns the Measures and their reports for each period into what the page shows: headline figures (one value per
// period) and breakdowns (a value per stratum per period).
import { cardUnit, figureText, groupLabel, measureTitle, stratifierLabel, stratumLabel } from './labels.js';

const ABSENT = { absent: true };

function groupCodesOf(measure, reportsByPeriod) {
  const codes = measure.groups.map((g) => g.code);
  for (const report of reportsByPeriod) for (const code of report.groups.keys()) if (!codes.includes(code)) codes.push(code);
  return codes;
}

function strataRows(code, reportsByPeriod, periods) {
  const rows = new Map();
  reportsByPeriod.forEach((report, i) => {
    for (const stratum of report.groups.get(code)?.strata ?? []) {
      const row = rows.get(stratum.code) ?? { code: stratum.code, display: stratumLabel(stratum.stratifier, stratum.code, stratum.display), cells: {} };
      row.cells[periods[i].key] = stratum.cell;
      rows.set(stratum.code, row);
    }
  });
  for (const row of rows.values()) for (const p of periods) row.cells[p.key] ??= ABSENT;
  return [...rows.values()];
}

/**
 * `measures` are read Measures; `reports[m][p]` the read report of measure m for period p. Returns
 * { gemeente, periods, figures: [...], breakdowns: [...] }.
 */
export function collectFigures(measures, reports, periods) {
  const figures = [];
  const breakdowns = [];
  measures.forEach((measure, m) => {
    const reportsByPeriod = reports[m];
    for (const code of groupCodesOf(measure, reportsByPeriod)) {
      const declared = measure.groups.find((g) => g.code === code);
      const inReports = reportsByPeriod.map((r) => r.groups.get(code)).filter(Boolean);
      const cells = Object.fromEntries(periods.map((p, i) => [p.key, reportsByPeriod[i].groups.get(code)?.cell ?? ABSENT]));
      const unit = inReports.find((g) => g.unit)?.unit ?? declared?.target?.unit ?? '';
      const figureKey = `${measure.id}/${code}`;
      const label = groupLabel(code, declared?.display);
      const text = figureText(figureKey, `${measureTitle(measure.id, measure.title)}: ${label}`);
      const base = {
        measureId: measure.id,
        groupCode: code,
        figureKey,
        title: text.title,
        definition: text.definition,
        noun: text.noun,
        cardUnit: cardUnit(code),
        label,
        unit,
        target: declared?.target,
        cells,
      };
      const stratifier = declared?.stratifier ?? inReports.flatMap((g) => g.stratifiers).find(Boolean);
      if (stratifier) breakdowns.push({ ...base, stratifier, stratifierLabel: stratifierLabel(stratifier), rows: strataRows(code, reportsByPeriod, periods) });
      else figures.push(base);
    }
  });
  const gemeente = reports.flat().map((r) => r.gemeente).find((g) => g.code) ?? {};
  return { gemeente, periods, figures, breakdowns };
}

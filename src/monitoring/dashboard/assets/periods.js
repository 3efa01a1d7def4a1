// The periods the page shows for a year: its four quarters, the whole year, and the year before it for comparison.

const QUARTER_BOUNDS = [
  ['01-01', '03-31'],
  ['04-01', '06-30'],
  ['07-01', '09-30'],
  ['10-01', '12-31'],
];

function wholeYear(year, previous) {
  return { key: String(year), label: String(year), start: `${year}-01-01`, end: `${year}-12-31`, quarter: undefined, previous };
}

/** `key` is the stable `data-period` value ("2026-Q1", "2026", "2025"); `label` is what a column heading says. */
export function periodsOf(year) {
  const quarters = QUARTER_BOUNDS.map(([start, end], i) => ({
    key: `${year}-Q${i + 1}`,
    label: `K${i + 1}`,
    start: `${year}-${start}`,
    end: `${year}-${end}`,
    quarter: i + 1,
    previous: false,
  }));
  return [...quarters, wholeYear(year, false), wholeYear(year - 1, true)];
}

export function quartersOf(periods) {
  return periods.filter((p) => p.quarter !== undefined);
}

export function yearOf(periods) {
  return periods.find((p) => p.quarter === undefined && !p.previous);
}

export function previousYearOf(periods) {
  return periods.find((p) => p.previous);
}

/** The current year and the four before it, newest first. */
export function yearChoices(now = new Date()) {
  const current = now.getFullYear();
  return [0, 1, 2, 3, 4].map((back) => current - back);
}

import { MonitoringErrors } from './errors.ts';
import { reportingPeriod, type ReportingPeriod } from './reporting-period.ts';

/** The calendar periods Brug reports: the four quarters of a year, then the year itself. */
const QUARTERS = [
  ['01-01', '03-31'],
  ['04-01', '06-30'],
  ['07-01', '09-30'],
  ['10-01', '12-31'],
] as const;

export interface PeriodGrid {
  /** Q1, Q2, Q3, Q4 and the whole year, in that order. */
  readonly periods: readonly ReportingPeriod[];
  /** Which of them was asked for. */
  readonly at: number;
}

/**
 * The year's grid that a reporting period belongs to. Only whole calendar quarters and years are reported: with any
 * other period a masked count would be the difference of two reports (January to March minus February to March), and
 * no suppression rule could stop that.
 */
export function periodGrid(period: ReportingPeriod, where: (name: string) => string): PeriodGrid {
  const year = period.year;
  const periods = [...QUARTERS.map(([start, end]) => reportingPeriod(`${year}-${start}`, `${year}-${end}`, where)), reportingPeriod(String(year), String(year), where)];
  const at = periods.findIndex((p) => p.start === period.start && p.end === period.end);
  if (at < 0) {
    throw MonitoringErrors.invalidParameter(
      ['periodStart', `${period.start} to ${period.end} is not a calendar quarter or year; Brug reports those only (periodStart=${year}-04-01&periodEnd=${year}-06-30, or periodStart=${year}&periodEnd=${year}), so that no masked figure is the difference of two reports`],
      { expression: [where('periodStart')] },
    );
  }
  return { periods, at };
}

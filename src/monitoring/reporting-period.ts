import { MonitoringErrors } from './errors.ts';

/** A reporting period of whole days, inclusive, as the municipality's calendar has them (Europe/Amsterdam). */
export interface ReportingPeriod {
  /** YYYY-MM-DD */
  readonly start: string;
  /** YYYY-MM-DD, the last day in the period. */
  readonly end: string;
  readonly days: number;
  /** The year whose population figures the per-inhabitant figures use: the year the period starts in. */
  readonly year: number;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DAY_MS = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A FHIR `date` (YYYY, YYYY-MM or YYYY-MM-DD) as the first or last day it stands for: periodStart=2026 and
 * periodEnd=2026 is the whole year. Undefined when the text is no real date.
 */
function dayOf(text: string, edge: 'first' | 'last'): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (year < 2000 || year > 2100 || (month !== undefined && (month < 1 || month > 12))) return undefined;
  if (day !== undefined) {
    const ms = Date.UTC(year, month! - 1, day);
    return new Date(ms).getUTCDate() === day ? ms : undefined;
  }
  if (edge === 'first') return Date.UTC(year, (month ?? 1) - 1, 1);
  return month === undefined ? Date.UTC(year, 11, 31) : Date.UTC(year, month, 0);
}

export function reportingPeriod(start: string | undefined, end: string | undefined, where: (name: string) => string): ReportingPeriod {
  if (start === undefined) throw MonitoringErrors.missingParameter(['periodStart', 'the first day of the period, YYYY-MM-DD'], { expression: [where('periodStart')] });
  if (end === undefined) throw MonitoringErrors.missingParameter(['periodEnd', 'the last day of the period, YYYY-MM-DD'], { expression: [where('periodEnd')] });
  const first = dayOf(start, 'first');
  if (first === undefined) throw MonitoringErrors.invalidParameter(['periodStart', `"${start}" is not a date (YYYY-MM-DD, years 2000 to 2100)`], { expression: [where('periodStart')] });
  const last = dayOf(end, 'last');
  if (last === undefined) throw MonitoringErrors.invalidParameter(['periodEnd', `"${end}" is not a date (YYYY-MM-DD, years 2000 to 2100)`], { expression: [where('periodEnd')] });
  if (last < first) throw MonitoringErrors.invalidParameter(['periodEnd', `${iso(last)} is before periodStart ${iso(first)}`], { expression: [where('periodEnd')] });
  return { start: iso(first), end: iso(last), days: Math.round((last - first) / DAY_MS) + 1, year: new Date(first).getUTCFullYear() };
}

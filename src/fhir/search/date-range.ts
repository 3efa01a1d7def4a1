/**
 * FHIR dates carry their precision: "2020" means the whole year. Both the index and the search turn a
 * date into the inclusive instant range it stands for (https://hl7.org/fhir/R4/search.html#date),
 * in UTC with milliseconds, so that the store compares ranges only.
 */
export interface DateRange {
  low: string;
  high: string;
}

const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+\- ]\d{2}:?\d{2})?)?)?)?$/;

const MINUTE = 60_000;
// Date.UTC maps years 0-99 to 1900-1999; shifting by one 400-year Gregorian cycle avoids that.
const CYCLE_YEARS = 400;
const CYCLE_MS = 146_097 * 86_400_000;

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(year + CYCLE_YEARS, month, day, hour, minute, second, ms) - CYCLE_MS;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000 + (year % 400), month + 1, 0)).getUTCDate();
}

/** Offset in minutes; a space stands for "+" because an unencoded "+" in a query string arrives as a space. */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return zone[0] === '-' ? -minutes : minutes;
}

function toIso(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The inclusive [low, high] range a date, dateTime or instant stands for; undefined when it is not one. */
export function dateRange(value: string): DateRange | undefined {
  const m = DATE_PATTERN.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const year = Number(y);
  const month = mo === undefined ? 0 : Number(mo) - 1;
  const day = d === undefined ? 1 : Number(d);
  if (year < 1 || month > 11 || month < 0 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (h === undefined) {
    const low = utc(year, month, day);
    const next = d !== undefined ? utc(year, month, day + 1) : mo !== undefined ? utc(year, month + 1, 1) : utc(year + 1, 0, 1);
    return range(low, next - 1);
  }
  const [hour, minute, second] = [Number(h), Number(mi), s === undefined ? 0 : Number(s)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const digits = fraction ?? '';
  const ms = Number(digits.slice(0, 3).padEnd(3, '0'));
  const low = utc(year, month, day, hour, minute, second, ms) - offsetMinutes(zone) * MINUTE;
  const span = s === undefined ? MINUTE : digits.length >= 3 ? 1 : 10 ** (3 - digits.length);
  return range(low, low + span - 1);
}

function range(low: number, high: number): DateRange | undefined {
  const lowIso = toIso(low);
  const highIso = toIso(high);
  return lowIso && highIso ? { low: lowIso, high: highIso } : undefined;
}

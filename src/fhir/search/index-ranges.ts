import type { DateRow, NumberRow, QuantityRow } from '../../store/index.ts';
import { dateRange } from './date-range.ts';
import { decimalRange } from './decimal-range.ts';
import type { TypedValue } from './index-values.ts';

type Json = Record<string, unknown>;

function rangeOf(value: unknown): { low: string; high: string } | undefined {
  return typeof value === 'string' ? dateRange(value) : undefined;
}

/** A Period is open where it has no start or end (https://hl7.org/fhir/R4/search.html#date). */
function periodRow(param: string, period: Json): DateRow | undefined {
  const low = rangeOf(period.start)?.low ?? null;
  const high = rangeOf(period.end)?.high ?? null;
  return low === null && high === null ? undefined : { param, low, high };
}

/** A Timing counts as the span from its first event or bound to its last; the schedule itself is not searchable. */
function timingRow(param: string, timing: Json): DateRow | undefined {
  const ranges = (Array.isArray(timing.event) ? timing.event : []).map(rangeOf).filter((r) => r !== undefined);
  const bounds = (timing.repeat as Json | undefined)?.boundsPeriod as Json | undefined;
  const lows = ranges.map((r) => r.low);
  const highs = ranges.map((r) => r.high);
  let openEnd = false;
  if (bounds) {
    const start = rangeOf(bounds.start);
    const end = rangeOf(bounds.end);
    if (start) lows.push(start.low);
    if (end) highs.push(end.high);
    else openEnd = true;
  }
  if (lows.length === 0 && highs.length === 0) return undefined;
  // ISO instants in UTC with milliseconds sort as text.
  const low = lows.length > 0 ? lows.sort()[0]! : null;
  const high = openEnd || highs.length === 0 ? null : highs.sort()[highs.length - 1]!;
  return { param, low, high };
}

export function dateRows(param: string, { type, value }: TypedValue): DateRow[] {
  let row: DateRow | undefined;
  if (typeof value === 'string') {
    const r = dateRange(value);
    row = r && { param, low: r.low, high: r.high };
  } else if (typeof value === 'object' && value !== null) {
    if (type === 'Period') row = periodRow(param, value as Json);
    if (type === 'Timing') row = timingRow(param, value as Json);
  }
  return row ? [row] : [];
}

/** fhirpath wraps decimals in its own type, whose text keeps the digits as written. */
function numberText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'string') return value;
  return typeof value === 'object' && value !== null ? String(value) : undefined;
}

export function numberRows(param: string, { value }: TypedValue): NumberRow[] {
  const n = numberText(value);
  const r = n === undefined ? undefined : decimalRange(n);
  return r ? [{ param, value: r.value, low: r.low, high: r.high }] : [];
}

/** Quantity-like types (Age, Duration, Distance, Count…) and Money, whose currency is its unit. */
export function quantityRows(param: string, { type, value }: TypedValue): QuantityRow[] {
  if (typeof value !== 'object' || value === null) return [];
  const q = value as Json;
  const n = numberText(q.value);
  const r = n === undefined ? undefined : decimalRange(n);
  if (!r) return [];
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  if (type === 'Money') {
    const currency = str(q.currency);
    return [{ param, ...r, system: currency && 'urn:iso:std:iso:4217', code: currency, unit: currency }];
  }
  if (type === 'Range' || type === 'SampledData' || type === 'Ratio') return [];
  return [{ param, ...r, system: str(q.system), code: str(q.code), unit: str(q.unit) }];
}

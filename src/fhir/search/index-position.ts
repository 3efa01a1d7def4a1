import type { PositionRow } from '../../store/index.ts';
import type { TypedValue } from './index-values.ts';

/** A finite coordinate within its range; fhirpath may hand decimals over as its own objects, whose text is the number. */
function coordinate(value: unknown, limit: number): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' || (typeof value === 'object' && value !== null) ? Number(String(value)) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

/**
 * Position rows (https://hl7.org/fhir/R4/location.html#positional): an element with `latitude` and `longitude`
 * (WGS84 decimal degrees, as Location.position has them) becomes one point; anything else is not a position.
 */
export function positionRows(param: string, { value }: TypedValue): PositionRow[] {
  if (typeof value !== 'object' || value === null) return [];
  const { latitude, longitude } = value as { latitude?: unknown; longitude?: unknown };
  const lat = coordinate(latitude, 90);
  const lon = coordinate(longitude, 180);
  return lat === undefined || lon === undefined ? [] : [{ param, latitude: lat, longitude: lon }];
}

// https://hl7.org/fhir/R4/location.html#positional: points within a great-circle distance of a given point
import type { Filter } from './query.ts';
import type { SqlParams } from './sql-params.ts';

/** Mean earth radius (IUGG), in km: the haversine distance is exact to about 0.5% for any radius choice. */
export const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;

export interface BoundingBox {
  minLatitude: number;
  maxLatitude: number;
  /** Undefined when the box reaches a pole or crosses the antimeridian: then only the latitude band prefilters. */
  minLongitude?: number;
  maxLongitude?: number;
}

/** The box around the point that contains every point within `distanceKm`, so the index can narrow first. */
export function boundingBox(latitude: number, longitude: number, distanceKm: number): BoundingBox {
  const dLat = distanceKm / KM_PER_DEGREE;
  const box: BoundingBox = { minLatitude: Math.max(-90, latitude - dLat), maxLatitude: Math.min(90, latitude + dLat) };
  if (box.minLatitude <= -90 || box.maxLatitude >= 90) return box;
  // The widest longitude span is at the box's latitude furthest from the equator.
  const widest = Math.max(Math.abs(box.minLatitude), Math.abs(box.maxLatitude));
  const dLon = dLat / Math.cos((widest * Math.PI) / 180);
  if (longitude - dLon < -180 || longitude + dLon > 180) return box;
  return { ...box, minLongitude: longitude - dLon, maxLongitude: longitude + dLon };
}

/** The same haversine distance in km as the SQL below, for callers and tests. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Bounding-box prefilter (index columns), then the haversine distance in plain SQL: no PostGIS, so any PostgreSQL (the embedded one too) serves it. */
export function nearCondition(filter: Extract<Filter, { kind: 'near' }>, x: string, params: SqlParams): string {
  const box = boundingBox(filter.latitude, filter.longitude, filter.distanceKm);
  const lat = `${params.add(filter.latitude)}::float8`;
  const lon = `${params.add(filter.longitude)}::float8`;
  const parts = [`${x}.latitude BETWEEN ${params.add(box.minLatitude)}::float8 AND ${params.add(box.maxLatitude)}::float8`];
  if (box.minLongitude !== undefined && box.maxLongitude !== undefined) {
    parts.push(`${x}.longitude BETWEEN ${params.add(box.minLongitude)}::float8 AND ${params.add(box.maxLongitude)}::float8`);
  }
  const a =
    `power(sin(radians(${x}.latitude - ${lat}) / 2), 2) + ` +
    `cos(radians(${lat})) * cos(radians(${x}.latitude)) * power(sin(radians(${x}.longitude - ${lon}) / 2), 2)`;
  parts.push(`2 * ${EARTH_RADIUS_KM} * asin(LEAST(1, sqrt(${a}))) <= ${params.add(filter.distanceKm)}::float8`);
  return parts.join(' AND ');
}

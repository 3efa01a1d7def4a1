// https://hl7.org/fhir/R4/location.html#positional: near=latitude|longitude|distance|units
import type { Filter } from '../../store/index.ts';
import { invalidValue } from './parse-context.ts';
import { splitEscaped, unescapeValue } from './split-escaped.ts';

/**
 * The spec leaves "near" to the server when no distance is given; 10 km is a neighbourhood-to-town scale that
 * keeps such a search useful without returning a whole country.
 */
export const DEFAULT_NEAR_DISTANCE_KM = 10;

/** UCUM length units a distance may be given in (the spec allows any), as km per unit; km is the default. */
export const NEAR_UNITS_KM: Readonly<Record<string, number>> = {
  km: 1,
  m: 0.001,
  '[mi_i]': 1.609344,
  '[mi_us]': 1.609347219,
  '[nmi_i]': 1.852,
};

/** The largest distance accepted: half the earth's circumference already covers every point. */
const MAX_DISTANCE_KM = 20_038;

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function decimal(name: string, part: string, what: string): number {
  if (!DECIMAL.test(part)) throw invalidValue(name, `${what} "${part}" is not a decimal number`);
  return Number(part);
}

export function nearFilter(name: string, param: string, raw: string): Filter {
  const parts = splitEscaped(raw, '|').map(unescapeValue);
  if (parts.length < 2 || parts.length > 4) {
    throw invalidValue(name, `positional search takes "latitude|longitude[|distance[|units]]", got "${raw}"`);
  }
  const [latText, lonText, distanceText = '', unitText = ''] = parts as [string, string, string?, string?];
  const latitude = decimal(name, latText, 'the latitude');
  const longitude = decimal(name, lonText, 'the longitude');
  if (latitude < -90 || latitude > 90) throw invalidValue(name, `the latitude ${latitude} is outside -90..90`);
  if (longitude < -180 || longitude > 180) throw invalidValue(name, `the longitude ${longitude} is outside -180..180`);
  const unit = unitText === '' ? 'km' : unitText;
  const perUnit = NEAR_UNITS_KM[unit];
  if (perUnit === undefined) throw invalidValue(name, `unknown distance unit "${unit}"; use one of ${Object.keys(NEAR_UNITS_KM).join(', ')}`);
  let distanceKm = DEFAULT_NEAR_DISTANCE_KM;
  if (distanceText !== '') {
    const distance = decimal(name, distanceText, 'the distance');
    if (distance < 0) throw invalidValue(name, `the distance may not be negative, got ${distance}`);
    distanceKm = Math.min(distance * perUnit, MAX_DISTANCE_KM);
  }
  return { kind: 'near', param, latitude, longitude, distanceKm };
}

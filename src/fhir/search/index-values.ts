import type { StringRow, TokenRow, UriRow } from '../../store/index.ts';
import { canonicalForms } from './reference-target.ts';

/** One value an expression produced, with its FHIR type name ("CodeableConcept", "date", "string"…). */
export interface TypedValue {
  type: string;
  value: unknown;
}

/** Bounds keep index entries well under PostgreSQL's B-tree row limit; a prefix still serves starts-with. */
const MAX_TOKEN = 256;
const MAX_STRING = 512;
const MAX_URI = 512;

type Json = Record<string, unknown>;

const PRIMITIVE_TEXT = new Set(['string', 'code', 'id', 'uri', 'url', 'canonical', 'oid', 'uuid', 'markdown', 'base64Binary']);

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || value === '') return null;
  return value.length > max ? value.slice(0, max) : value;
}

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function codingRow(param: string, coding: Json, fallbackText: string | null): TokenRow | undefined {
  const row = { param, system: text(coding.system, MAX_TOKEN), code: text(coding.code, MAX_TOKEN), text: text(coding.display, MAX_STRING) ?? fallbackText };
  return row.system === null && row.code === null && row.text === null ? undefined : row;
}

/**
 * Token rows (https://hl7.org/fhir/R4/search.html#token). An Identifier with a type also gets a row under
 * `<param>:of-type` whose system is "typeSystem|typeCode", which is what `:of-type` searches.
 */
export function tokenRows(param: string, { type, value }: TypedValue): TokenRow[] {
  if (typeof value === 'boolean') return [{ param, system: null, code: String(value), text: null }];
  if (PRIMITIVE_TEXT.has(type) || typeof value === 'string') {
    const code = text(value, MAX_TOKEN);
    return code === null ? [] : [{ param, system: null, code, text: null }];
  }
  const v = asObject(value);
  switch (type) {
    case 'Coding':
      return [codingRow(param, v, null)].filter((r) => r !== undefined);
    case 'CodeableConcept': {
      const rows = list(v.coding).map((c) => codingRow(param, asObject(c), null)).filter((r) => r !== undefined);
      const label = text(v.text, MAX_STRING);
      if (label !== null) rows.push({ param, system: null, code: null, text: label });
      return rows;
    }
    case 'Identifier':
      return identifierRows(param, v);
    case 'ContactPoint': {
      const code = text(v.value, MAX_TOKEN);
      return code === null ? [] : [{ param, system: text(v.system, MAX_TOKEN), code, text: null }];
    }
    default:
      return [];
  }
}

function identifierRows(param: string, identifier: Json): TokenRow[] {
  const code = text(identifier.value, MAX_TOKEN);
  const system = text(identifier.system, MAX_TOKEN);
  const idType = asObject(identifier.type);
  const rows: TokenRow[] = [];
  if (code !== null || system !== null) rows.push({ param, system, code, text: text(idType.text, MAX_STRING) });
  if (code === null) return rows;
  for (const c of list(idType.coding)) {
    const coding = asObject(c);
    if (typeof coding.code !== 'string') continue;
    const typeKey = text(`${typeof coding.system === 'string' ? coding.system : ''}|${coding.code}`, MAX_TOKEN);
    rows.push({ param: `${param}:of-type`, system: typeKey, code, text: null });
  }
  return rows;
}

const NAME_PARTS = ['family', 'given', 'prefix', 'suffix', 'text'];
const ADDRESS_PARTS = ['line', 'city', 'district', 'state', 'postalCode', 'country', 'text'];

/** String rows: a HumanName or Address is searchable by each of its parts (https://hl7.org/fhir/R4/search.html#string). */
export function stringRows(param: string, { type, value }: TypedValue): StringRow[] {
  const parts = type === 'HumanName' ? NAME_PARTS : type === 'Address' ? ADDRESS_PARTS : undefined;
  const values = parts === undefined ? [value] : parts.flatMap((p) => list(asObject(value)[p]));
  const rows: StringRow[] = [];
  for (const v of values) {
    const s = text(v, MAX_STRING);
    if (s !== null) rows.push({ param, value: s });
  }
  return rows;
}

export function uriRows(param: string, { value }: TypedValue): UriRow[] {
  if (typeof value !== 'string' || value === '' || value.length > MAX_URI) return [];
  return canonicalForms(value).map((v) => ({ param, value: v }));
}

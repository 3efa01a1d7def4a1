import type { Resource } from '@medplum/fhirtypes';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { emptyIndexRows, type IndexRows } from '../../store/index.ts';
import type { FhirDefinitions } from '../definitions/load-definitions.ts';
import type { SearchParameterInfo } from '../definitions/search-parameter-types.ts';
import { compileElementPaths } from './element-paths.ts';
import { positionRows } from './index-position.ts';
import { referenceRows } from './index-reference.ts';
import { dateRows, numberRows, quantityRows } from './index-ranges.ts';
import { stringRows, tokenRows, uriRows, type TypedValue } from './index-values.ts';

/** Computes a resource's search-index rows from its type's SearchParameter expressions. */
export type Indexer = (resource: Resource) => IndexRows;

interface CompiledParameter {
  info: SearchParameterInfo;
  evaluate: (resource: Resource) => (TypedValue | undefined)[];
}

/** `_id` and `_lastUpdated` are columns of the resource row itself; they need no index rows. */
const NOT_INDEXED = new Set(['_id', '_lastUpdated']);

/**
 * fhirpath cannot resolve references without a server, so `resolve() is Patient` becomes a check on the
 * reference's own text (relative or absolute) or, for a logical reference, its `type`.
 */
export function rewriteResolve(expression: string): string {
  return expression.replace(
    /resolve\(\)\s+is\s+([A-Za-z]+)/g,
    (_all, type: string) => `(reference.startsWith('${type}/') or reference.contains('/${type}/') or type = '${type}')`,
  );
}

/** A parameter's expression run by fhirpath.js: what every expression meant before element paths were read directly. */
export function compileWithFhirpath(info: SearchParameterInfo): (resource: Resource) => (TypedValue | undefined)[] {
  try {
    const fn = fhirpath.compile(rewriteResolve(info.expression!), r4, { resolveInternalTypes: false });
    return (resource) => (fn(resource) as unknown[]).map(typed);
  } catch (err) {
    throw new Error(`Search parameter ${info.resourceType}.${info.code} has an expression fhirpath cannot compile: ${info.expression}`, { cause: err });
  }
}

function compileParameter(defs: FhirDefinitions, info: SearchParameterInfo): CompiledParameter {
  return { info, evaluate: compileElementPaths(defs.baseStructures, info.resourceType, info.expression!) ?? compileWithFhirpath(info) };
}

function compileType(defs: FhirDefinitions, resourceType: string): CompiledParameter[] {
  return [...defs.searchParameters(resourceType).values()]
    .filter((p) => p.expression !== undefined && p.table !== undefined && !NOT_INDEXED.has(p.code))
    .map((p) => compileParameter(defs, p));
}

interface NodeLike {
  data: unknown;
  fhirNodeDataType: string | null;
}

/** fhirpath hands back resource nodes carrying their FHIR type, or plain values from functions. */
function typed(result: unknown): TypedValue | undefined {
  if (typeof result === 'object' && result !== null && 'fhirNodeDataType' in result) {
    const node = result as NodeLike;
    if (node.data === undefined || node.data === null) return undefined;
    const type = (node.fhirNodeDataType ?? '').replace(/^(System|FHIR)\./, '');
    return { type: type === 'String' ? 'string' : type, value: node.data };
  }
  if (typeof result === 'boolean') return { type: 'boolean', value: result };
  if (typeof result === 'string') return { type: 'string', value: result };
  if (typeof result === 'number') return { type: 'decimal', value: result };
  return undefined;
}

function addRows(rows: IndexRows, info: SearchParameterInfo, value: TypedValue, baseUrl: string): void {
  const param = info.code;
  switch (info.table) {
    case 'token': rows.token.push(...tokenRows(param, value)); break;
    case 'string': rows.string.push(...stringRows(param, value)); break;
    case 'reference': rows.reference.push(...referenceRows(param, value, baseUrl)); break;
    case 'date': rows.date.push(...dateRows(param, value)); break;
    case 'number': rows.number.push(...numberRows(param, value)); break;
    case 'quantity': rows.quantity.push(...quantityRows(param, value)); break;
    case 'uri': rows.uri.push(...uriRows(param, value)); break;
    case 'position': rows.position.push(...positionRows(param, value)); break;
  }
}

/**
 * Compiles every indexed expression of every served type once, at start, so that a bad expression stops
 * the service instead of a write; each write then only evaluates.
 */
export function createIndexer(defs: FhirDefinitions, baseUrl: string): Indexer {
  const compiled = new Map(defs.servedTypes.map((t) => [t, compileType(defs, t)]));
  return (resource) => {
    const rows = emptyIndexRows();
    for (const parameter of compiled.get(resource.resourceType) ?? []) {
      for (const value of parameter.evaluate(resource)) {
        if (value) addRows(rows, parameter.info, value, baseUrl);
      }
    }
    return rows;
  };
}

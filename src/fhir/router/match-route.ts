import type { InteractionCode } from '../hooks/points.ts';
import type { OperationLevel } from '../operations/operation-registry.ts';
import type { FhirMethod } from '../request.ts';

export interface RouteMatch {
  interaction: InteractionCode;
  /** For update/patch/delete without an id: the conditional form (http.html#cond-update). */
  conditional?: boolean;
  resourceType?: string;
  id?: string;
  versionId?: string;
  operation?: { name: string; level: OperationLevel };
}

type Table = Partial<Record<FhirMethod, RouteMatch['interaction']>>;

/** The URL patterns of https://hl7.org/fhir/R4/http.html with the interaction each method means on them. */
const ROUTES: { shape: string; methods: Table }[] = [
  { shape: '', methods: { POST: 'transaction', GET: 'search-system' } },
  { shape: 'metadata', methods: { GET: 'capabilities' } },
  { shape: '_history', methods: { GET: 'history-system' } },
  { shape: '_search', methods: { POST: 'search-system' } },
  { shape: 'T', methods: { GET: 'search-type', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } },
  { shape: 'T/_search', methods: { POST: 'search-type', GET: 'search-type' } },
  { shape: 'T/_history', methods: { GET: 'history-type' } },
  { shape: 'T/I', methods: { GET: 'read', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } },
  { shape: 'T/I/_history', methods: { GET: 'history-instance' } },
  { shape: 'T/I/_history/V', methods: { GET: 'vread' } },
];

/** The interactions a URL naming a type can mean: what the CapabilityStatement may claim per type. */
export function typeInteractions(): InteractionCode[] {
  const codes = ROUTES.filter((r) => r.shape.startsWith('T')).flatMap((r) => Object.values(r.methods));
  return [...new Set(codes)];
}

function shapeOf(segments: string[]): { shape: string; type?: string; id?: string; vid?: string } {
  const [a, b, c, d] = segments;
  if (segments.length === 0) return { shape: '' };
  if (segments.length === 1) return a!.startsWith('_') || a === 'metadata' ? { shape: a! } : { shape: 'T', type: a };
  if (segments.length === 2) return b === '_search' || b === '_history' ? { shape: `T/${b}`, type: a } : { shape: 'T/I', type: a, id: b };
  if (segments.length === 3 && c === '_history') return { shape: 'T/I/_history', type: a, id: b };
  if (segments.length === 4 && c === '_history') return { shape: 'T/I/_history/V', type: a, id: b, vid: d };
  return { shape: 'unknown' };
}

function operationMatch(segments: string[]): RouteMatch | undefined {
  const last = segments[segments.length - 1];
  if (!last?.startsWith('$')) return undefined;
  const name = last.slice(1);
  if (segments.length === 1) return { interaction: 'operation', operation: { name, level: 'system' } };
  if (segments.length === 2) return { interaction: 'operation', resourceType: segments[0], operation: { name, level: 'type' } };
  if (segments.length === 3) return { interaction: 'operation', resourceType: segments[0], id: segments[1], operation: { name, level: 'instance' } };
  return undefined;
}

export type MatchResult = { match: RouteMatch } | { notFound: true } | { methodNotAllowed: true };

/** Which interaction a method and path (relative to the FHIR base) mean. HEAD is matched as GET. */
export function matchRoute(method: FhirMethod, path: string): MatchResult {
  let segments: string[];
  try {
    segments = path.split('/').filter((s) => s.length > 0).map((s) => decodeURIComponent(s));
  } catch {
    return { notFound: true };
  }
  const operation = operationMatch(segments);
  if (operation) return { match: operation };
  const { shape, type, id, vid } = shapeOf(segments);
  const route = ROUTES.find((r) => r.shape === shape);
  if (!route) return { notFound: true };
  const interaction = route.methods[method === 'HEAD' ? 'GET' : method];
  if (!interaction) return { methodNotAllowed: true };
  const conditional = shape === 'T' && (method === 'PUT' || method === 'PATCH' || method === 'DELETE');
  return { match: { interaction, resourceType: type, id, versionId: vid, ...(conditional ? { conditional } : {}) } };
}

/**
 * What an interaction touched, as AuditEvent entities: the resource read or written (with its version where known),
 * once each patient it concerns, and for searches and operations the query and the patients of what it returned.
 */
import type { AuditEventEntity, Bundle, Resource } from '@medplum/fhirtypes';
import type { CompletedContext, FhirRequest, FhirResponse, WriteContext } from '../../fhir/index.ts';
import { patientEntity, queryEntity, resourceEntity } from './audit-event.ts';
import { patientsConcerned } from './patients-concerned.ts';

class EntityList {
  readonly entities: AuditEventEntity[] = [];
  private readonly patients = new Set<string>();

  resource(type: string, id: string, versionId?: string, body?: unknown): void {
    // A Patient is its own patient entity; listing it twice doubles the event's index for nothing.
    if (type === 'Patient' && versionId === undefined) return this.patient(`Patient/${id}`);
    this.entities.push(resourceEntity(type, id, versionId));
    if (type === 'Patient') this.patient(`Patient/${id}`);
    else for (const p of patientsConcerned(body)) this.patient(p);
  }

  /** Only the patients a resource concerns: what NEN 7513 asks of a search result, without an entity per resource. */
  patientsOf(resource: Resource | undefined): void {
    if (resource?.resourceType === 'Patient' && resource.id) this.patient(`Patient/${resource.id}`);
    else for (const p of patientsConcerned(resource)) this.patient(p);
  }

  patient(reference: string): void {
    if (this.patients.has(reference)) return;
    this.patients.add(reference);
    this.entities.push(patientEntity(reference));
  }

  stored(resource: Resource | undefined): void {
    if (resource?.resourceType && resource.id) this.resource(resource.resourceType, resource.id, resource.meta?.versionId, resource);
  }
}

function queryText(req: FhirRequest): string {
  const params = new URLSearchParams(req.query).toString();
  return params ? `${req.path}?${params}` : req.path;
}

/** The response body as a resource; reads answer with the stored JSON text, parsed here only for its references. */
function bodyOf(response: FhirResponse | undefined): Resource | undefined {
  if (response?.resource) return response.resource;
  if (response?.json === undefined) return undefined;
  try {
    return JSON.parse(response.json) as Resource;
  } catch {
    return undefined;
  }
}

/**
 * A search or history page: the patients its resources concern, once each. The query entity says what was asked;
 * an entity per returned resource made an event of a 20-result page 12 kB with 160 index rows, costing more than
 * the search it recorded.
 */
function bundleEntries(list: EntityList, body: Resource | undefined): void {
  if (body?.resourceType !== 'Bundle') return;
  for (const entry of (body as Bundle).entry ?? []) {
    if (entry.resource?.resourceType !== 'OperationOutcome') list.patientsOf(entry.resource);
  }
}

/** A write that failed or was refused: what it was aimed at, and whose record the submitted body concerns. */
function attempted(list: EntityList, ctx: CompletedContext): void {
  const { resourceType, id, request } = ctx.interaction;
  const body = request.body as { resourceType?: unknown } | undefined;
  const aboutBody = resourceType !== undefined && body?.resourceType === resourceType;
  if (resourceType !== undefined && id !== undefined) list.resource(resourceType, id, undefined, aboutBody ? body : undefined);
  else if (aboutBody) for (const p of patientsConcerned(body)) list.patient(p);
}

export function interactionEntities(ctx: CompletedContext): AuditEventEntity[] {
  const list = new EntityList();
  const { interaction, resourceType, id, request } = ctx.interaction;
  // Parsed only where needed: a Patient read names its patient without it.
  const body = (): Resource | undefined => (ctx.error === undefined ? bodyOf(ctx.response) : undefined);
  switch (interaction) {
    case 'capabilities':
    case 'batch':
    case 'transaction':
      break;
    case 'search-type':
    case 'search-system':
    case 'operation':
      // The query first: the log keeps entities in one order (query, resource, patients).
      list.entities.push(queryEntity(queryText(request)));
      if (resourceType !== undefined && id !== undefined) list.resource(resourceType, id);
      bundleEntries(list, body());
      break;
    case 'history-instance':
    case 'history-type':
    case 'history-system':
      if (resourceType !== undefined && id !== undefined && ctx.error !== undefined) list.resource(resourceType, id);
      bundleEntries(list, body());
      break;
    case 'read':
    case 'vread':
      list.resource(resourceType!, id!, ctx.response?.versionId, resourceType === 'Patient' ? undefined : body());
      break;
    default: {
      const stored = body();
      if (ctx.error !== undefined) attempted(list, ctx);
      else if (stored) list.stored(stored);
      else if (resourceType !== undefined && id !== undefined) list.resource(resourceType, id, ctx.response?.versionId);
    }
  }
  return list.entities;
}

/** A write as stored (or, for a delete, as it was), with the version this write made. */
export function writeEntities(ctx: WriteContext): AuditEventEntity[] {
  const list = new EntityList();
  const body = ctx.resource ?? ctx.previous;
  const versionId = ctx.resource?.meta?.versionId ?? (ctx.previous?.meta?.versionId ? String(Number(ctx.previous.meta.versionId) + 1) : undefined);
  list.resource(ctx.resourceType, ctx.id, versionId, body);
  return list.entities;
}

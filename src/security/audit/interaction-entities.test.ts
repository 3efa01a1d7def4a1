import type { CompletedContext, InteractionCode } from '../../fhir/index.ts';
import { interactionEntities } from './interaction-entities.ts';

function completed(interaction: InteractionCode, parts: Partial<CompletedContext> & { resourceType?: string; id?: string; query?: [string, string][]; body?: unknown; path?: string }): CompletedContext {
  return {
    interaction: {
      interaction,
      resourceType: parts.resourceType,
      id: parts.id,
      request: { method: 'GET', path: parts.path ?? parts.resourceType ?? '', query: parts.query ?? [], headers: {}, body: parts.body },
      log: undefined as never,
      requestId: 'r1',
    },
    status: parts.status ?? 200,
    durationMs: 1,
    response: parts.response,
    error: parts.error,
    repo: undefined as never,
  };
}

const refs = (ctx: CompletedContext) => interactionEntities(ctx).map((e) => e.what?.reference ?? `query:${Buffer.from(e.query!, 'base64').toString()}`);

describe('interactionEntities', () => {
  it('names what a read answered, with its version, and the patient from the stored JSON', () => {
    const json = JSON.stringify({ resourceType: 'Task', id: 't1', for: { reference: 'Patient/p1' } });
    expect(refs(completed('read', { resourceType: 'Task', id: 't1', response: { status: 200, json, versionId: '3' } }))).toEqual(['Task/t1/_history/3', 'Patient/p1']);
  });

  it('names the query and each patient the returned resources concern, once; not each resource, not OperationOutcomes', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: { resourceType: 'Task', id: 't1', meta: { versionId: '1' }, for: { reference: 'Patient/p1' } } },
        { resource: { resourceType: 'Task', id: 't2', meta: { versionId: '2' }, for: { reference: 'Patient/p1' } } },
        { resource: { resourceType: 'Patient', id: 'p1', meta: { versionId: '1' } }, search: { mode: 'include' } },
        { resource: { resourceType: 'OperationOutcome', issue: [] }, search: { mode: 'outcome' } },
      ],
    };
    expect(refs(completed('search-type', { resourceType: 'Task', query: [['status', 'requested'], ['_include', 'Task:patient']], response: { status: 200, resource: bundle as never } }))).toEqual([
      'query:Task?status=requested&_include=Task%3Apatient',
      'Patient/p1',
    ]);
  });

  it('names what a refused create aimed at: the patient of the submitted body', () => {
    const body = { resourceType: 'Communication', subject: { reference: 'Patient/p9' } };
    expect(refs(completed('create', { resourceType: 'Communication', body, status: 403, error: new Error('refused') }))).toEqual(['Patient/p9']);
  });

  it('names the resource a refused read asked for, without a version', () => {
    expect(refs(completed('read', { resourceType: 'Task', id: 't7', status: 404, error: new Error('not found') }))).toEqual(['Task/t7']);
  });
});

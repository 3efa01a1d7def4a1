import type { FastifyInstance } from 'fastify';
import { FHIR_JSON } from '../support/app.ts';

export interface Reply {
  status: number;
  body: Record<string, unknown> & { resourceType: string };
}

export async function call(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<Reply> {
  const res = await app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: JSON.stringify(body), headers: { 'content-type': FHIR_JSON } } : {}),
  });
  return { status: res.statusCode, body: res.json() };
}

export function q(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** The value of an out parameter of a Parameters resource (its value[x], whatever the type). */
export function out(body: Reply['body'], name: string): unknown {
  const parameter = (body.parameter as { name: string; [k: string]: unknown }[] | undefined)?.find((p) => p.name === name);
  if (!parameter) return undefined;
  const key = Object.keys(parameter).find((k) => k.startsWith('value'));
  return key ? parameter[key] : parameter;
}

export function issue(body: Reply['body']): { code: string; diagnostics: string; expression?: string[] } {
  expect(body.resourceType).toBe('OperationOutcome');
  return (body.issue as { code: string; diagnostics: string; expression?: string[] }[])[0]!;
}

export function codes(body: Reply['body']): string[] {
  const expansion = body.expansion as { contains?: { code: string }[] };
  return (expansion.contains ?? []).map((c) => c.code);
}

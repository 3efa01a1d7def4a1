import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticateContext, Principal } from '../fhir/index.ts';
import { authenticate } from '../security/index.ts';
import type { Database } from '../store/index.ts';
import { MonitoringErrors } from './errors.ts';
import { gemeenteOfOrganization } from './gemeente-access.ts';
import { parsePopulationCsv, type PopulationRow } from './population-csv.ts';
import { savePopulation } from './population-store.ts';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

/** The caller of a route outside /fhir, with the same bearer tokens and refusals (and their audit) as the FHIR API. */
function callerOf(app: FastifyInstance): (request: FastifyRequest) => Promise<Principal> {
  const check = authenticate({ tokens: app.security.tokens, clients: app.security.clients, fhirPrefix: '/fhir', onRefused: (ctx, err) => app.security.audit.recordRefusal(ctx, err) });
  return async (request) => {
    const ctx: AuthenticateContext = { method: request.method, url: request.url, headers: request.headers, ip: request.ip, log: request.log };
    await check(ctx);
    return ctx.principal!;
  };
}

async function allowedRows(db: Database, principal: Principal, rows: readonly PopulationRow[]): Promise<void> {
  if (principal.role === 'admin') return;
  if (principal.role !== 'municipality') throw MonitoringErrors.roleForbids([principal.role]);
  const own = principal.organization ? await gemeenteOfOrganization(db, principal.organization.id) : undefined;
  if (!own) throw MonitoringErrors.noGemeente();
  const foreign = rows.find((r) => r.gemeente !== own);
  if (foreign) throw MonitoringErrors.csvRowNotYours([foreign.row, foreign.gemeente, own], { expression: [`row ${foreign.row}, column RegioS`] });
}

/**
 * `PUT /monitoring/population`: a municipality loads its inhabitant and practice figures (CBS StatLine CSV, see
 * population-csv.ts) for its own gemeente; an administrator for any. The whole file is loaded or nothing is.
 */
export async function registerPopulationRoute(app: FastifyInstance, db: Database): Promise<void> {
  const caller = callerOf(app);
  await app.register(async (scope) => {
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.put('/monitoring/population', async (request, reply) => {
      const principal = await caller(request);
      if (principal.role !== 'admin' && principal.role !== 'municipality') throw MonitoringErrors.roleForbids([principal.role]);
      if (typeof request.body !== 'string') throw MonitoringErrors.invalidCsv(['send the CSV as the body, Content-Type: text/csv']);
      const { rows, problems } = parsePopulationCsv(request.body);
      if (problems.length > 0) {
        throw MonitoringErrors.invalidCsv([`${problems.length} problem(s); nothing was loaded`], {
          issues: problems.map((p) => ({ severity: 'error', code: 'invalid', diagnostics: `row ${p.row}, column ${p.column}: ${p.problem}`, expression: [`row ${p.row}, column ${p.column}`] })),
        });
      }
      await allowedRows(db, principal, rows);
      await db.transaction((tx) => savePopulation(tx, rows, principal.clientId));
      request.log.info({ clientId: principal.clientId, rows: rows.length }, 'population figures loaded');
      return reply.code(200).send({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'information', code: 'informational', diagnostics: `${rows.length} row(s) loaded: ${rows.map((r) => `${r.gemeente} ${r.year}`).join(', ')}` }],
      });
    });
  });
}

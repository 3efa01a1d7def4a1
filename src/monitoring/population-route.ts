import type { FastifyInstance } from 'fastify';
import { informational, sendResource, type Principal } from '../fhir/index.ts';
import type { Database } from '../store/index.ts';
import { MonitoringErrors } from './errors.ts';
import { gemeenteOfOrganization } from './gemeente-access.ts';
import { parsePopulationCsv, type PopulationRow } from './population-csv.ts';
import { savePopulation } from './population-store.ts';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

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
  await app.register(async (scope) => {
    scope.addContentTypeParser(CSV_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    // The same bearer tokens, refusals and their audit as the FHIR API.
    scope.put('/monitoring/population', { preHandler: app.fhirAuthenticate }, async (request, reply) => {
      const principal = request.principal;
      if (!principal) throw MonitoringErrors.roleForbids(['none']);
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
      return sendResource(reply, 200, informational(`${rows.length} row(s) loaded: ${rows.map((r) => `${r.gemeente} ${r.year}`).join(', ')}`));
    });
  });
}

import type { OperationInvocation } from '../fhir/index.ts';
import { isBrugError } from '../errors.ts';
import type { SqlExecutor } from '../store/index.ts';
import { MonitoringErrors } from './errors.ts';
import { BrugCodeSystems } from '../canonical-urls.ts';

export const GEMEENTE_CODE = /^GM\d{4}$/;

/** The CBS code a municipality Organization carries as its identifier (demo-gemeente: GM0344). */
export async function gemeenteOfOrganization(sql: SqlExecutor, organizationId: string): Promise<string | undefined> {
  const found = await sql.query<{ code: string }>(
    "SELECT code FROM indexed_token WHERE resource_type = 'Organization' AND id = $1 AND param = 'identifier' AND system = $2 ORDER BY code LIMIT 1",
    [organizationId, BrugCodeSystems.gemeente],
  );
  return found.rows[0]?.code;
}

/** The municipality Organization of a CBS code, if Brug holds one. */
export async function organizationOfGemeente(sql: SqlExecutor, gemeente: string): Promise<string | undefined> {
  const found = await sql.query<{ id: string }>(
    "SELECT id FROM indexed_token WHERE resource_type = 'Organization' AND param = 'identifier' AND system = $1 AND code = $2 ORDER BY id LIMIT 1",
    [BrugCodeSystems.gemeente, gemeente],
  );
  return found.rows[0]?.id;
}

/**
 * Key figures are MeasureReports, so the access policy decides who may evaluate them at all (municipality and admin)
 * as it decides who reads a MeasureReport: the call is authorized once more, as that read.
 */
async function authorizeAsReport(call: OperationInvocation): Promise<void> {
  const role = call.context.principal?.role;
  if (role === undefined) throw MonitoringErrors.roleForbids(['none']);
  try {
    await call.engine.hooks.run('interaction.authorize', { ...call.context, interaction: 'read', resourceType: 'MeasureReport' });
  } catch (err) {
    if (isBrugError(err) && err.category === 'forbidden') throw MonitoringErrors.roleForbids([role]);
    throw err;
  }
}

/**
 * Which gemeente the caller may see the figures of: a municipality its own gemeente only, an administrator the one
 * it names.
 */
export async function gemeenteFor(sql: SqlExecutor, call: OperationInvocation, requested: string | undefined, where: string): Promise<string> {
  if (requested !== undefined && !GEMEENTE_CODE.test(requested)) {
    throw MonitoringErrors.invalidParameter(['gemeente', `"${requested}" is not a CBS municipality code (GM and 4 digits)`], { expression: [where] });
  }
  await authorizeAsReport(call);
  const principal = call.context.principal!;
  if (principal.role !== 'municipality') {
    if (requested === undefined) throw MonitoringErrors.missingParameter(['gemeente', 'an administrator names the gemeente (GM0344)'], { expression: [where] });
    return requested;
  }
  const own = principal.organization ? await gemeenteOfOrganization(sql, principal.organization.id) : undefined;
  if (!own) throw MonitoringErrors.noGemeente();
  if (requested !== undefined && requested !== own) throw MonitoringErrors.notYourGemeente([own, requested], { expression: [where] });
  return own;
}

import type { SqlExecutor } from '../../../store/index.ts';
import type { AuditRow } from './audit-row.ts';

const COLUMNS: readonly [keyof AuditRow, string, string][] = [
  ['id', 'id', 'text'],
  ['recorded', 'recorded', 'timestamptz'],
  ['started', 'started', 'timestamptz'],
  ['typeCode', 'type_code', 'text'],
  ['subtypeCode', 'subtype_code', 'text'],
  ['action', 'action', 'text'],
  ['outcome', 'outcome', 'text'],
  ['outcomeDesc', 'outcome_desc', 'text'],
  ['clientId', 'client_id', 'text'],
  ['organizationId', 'organization_id', 'text'],
  ['organizationRole', 'organization_role', 'text'],
  ['professionalSystem', 'professional_system', 'text'],
  ['professionalValue', 'professional_value', 'text'],
  ['tokenId', 'token_id', 'text'],
  ['address', 'address', 'text'],
  ['entityType', 'entity_type', 'text'],
  ['entityId', 'entity_id', 'text'],
  ['entityVersion', 'entity_version', 'text'],
  ['patients', 'patients', 'text[]'],
  ['query', 'query', 'text'],
  ['scope', 'scope', 'text'],
  ['source', 'source', 'text'],
];

// One fixed text for any number of rows, so it is prepared once per connection.
const INSERT =
  `INSERT INTO audit_log (${COLUMNS.map((c) => c[1]).join(', ')}) SELECT ${COLUMNS.map((c) => c[1]).join(', ')} ` +
  `FROM json_to_recordset($1::json) AS r(${COLUMNS.map((c) => `${c[1]} ${c[2]}`).join(', ')})`;

/** Appends events to the log in one statement; inside a transaction they commit or roll back with it. */
export async function appendAuditRows(sql: SqlExecutor, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((row) => Object.fromEntries(COLUMNS.map(([key, column]) => [column, row[key]])));
  await sql.query(INSERT, [JSON.stringify(records)], { name: 'brug-audit-append' });
}

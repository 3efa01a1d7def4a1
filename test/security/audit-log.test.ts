import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import { loadConfig } from '../../src/config.ts';
import { appendAuditRows } from '../../src/security/audit/log/append-rows.ts';
import { rowOfFacts } from '../../src/security/audit/log/audit-row.ts';
import { keepPartitions } from '../../src/security/audit/log/partitions.ts';
import { sealLog } from '../../src/security/audit/log/seal-log.ts';
import { SECURITY_MIGRATIONS } from '../../src/security/index.ts';
import { emptyIndexRows, migrate, openStore } from '../../src/store/index.ts';
import { FHIR_JSON, startTestApp, type TestApp } from '../support/app.ts';
import { authHeader } from '../support/security.ts';

const run = promisify(execFile);
const CLIENT_ID_SYSTEM = 'https://brug.example.org/fhir/NamingSystem/client-id';

// An AuditEvent as the server stored it before the log: a whole resource, in `resources` and its history.
const LEGACY_ID = '0b6f7f0e-3c7a-4d0e-9d55-5a1f3c2b1a00';
const LEGACY_JSON = JSON.stringify({
  resourceType: 'AuditEvent',
  id: LEGACY_ID,
  meta: { versionId: '1', lastUpdated: '2026-11-20T10:00:00.000Z' },
  type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' },
  subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' }],
  action: 'R',
  recorded: '2026-11-20T10:00:00.000Z',
  outcome: '0',
  agent: [
    { type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110150', display: 'Application' }] }, who: { identifier: { system: CLIENT_ID_SYSTEM, value: 'old-client' } }, requestor: true },
    { role: [{ text: 'first-line' }], who: { reference: 'Organization/old-practice' }, requestor: false },
  ],
  source: { site: 'old.example', observer: { identifier: { system: 'urn:ietf:rfc:3986', value: 'https://old.example/fhir' }, display: 'Brug' } },
  entity: [
    { what: { reference: 'Task/old-task/_history/2' }, type: { system: 'http://hl7.org/fhir/resource-types', code: 'Task' }, role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '4', display: 'Domain Resource' } },
    { what: { reference: 'Patient/old-patient' }, type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' }, role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' } },
  ],
});

/** The database as the version before the log left it, with one AuditEvent stored as a resource. */
async function schemaBeforeTheLog(url: string): Promise<void> {
  const store = await openStore(loadConfig({ DATABASE_URL: url, DATA_DIR: 'memory://' }));
  try {
    await migrate(store.db, SECURITY_MIGRATIONS.filter((m) => m.version < 103));
    await store.repository.transaction((tx) =>
      tx.writeVersion({ resourceType: 'AuditEvent', id: LEGACY_ID, versionId: 1, lastUpdated: '2026-11-20T10:00:00.000Z', method: 'POST', json: LEGACY_JSON, index: emptyIndexRows(), isNew: true }),
    );
  } finally {
    await store.db.close();
  }
}

describe('the audit log', () => {
  let t: TestApp;
  let patient: string;

  async function get(clientId: string, url: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await t.app.inject({ method: 'GET', url: `/fhir/${url}`, headers: await authHeader(t.app, clientId) });
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
  }

  async function verify(): Promise<{ code: number; out: string }> {
    const env = { ...process.env, DATABASE_URL: t.config.databaseUrl!, LOG_LEVEL: 'warn' };
    try {
      const { stdout } = await run(process.execPath, ['scripts/audit-verify.ts'], { env });
      return { code: 0, out: stdout };
    } catch (err) {
      const failed = err as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout + failed.stderr };
    }
  }

  const count = async (sql: string, values: unknown[] = []): Promise<number> => Number((await t.store.db.query<{ n: string }>(sql, values)).rows[0]!.n);

  beforeAll(async () => {
    // Sealing is driven by the test (as the keeper would every second), so the chain is in a known state.
    t = await startTestApp('postgres', { security: true, env: { REQUIRE_PROFILES: 'false', AUDIT_SEAL_INTERVAL_MS: '0' }, prepare: schemaBeforeTheLog });
    const res = await t.app.inject({
      method: 'POST',
      url: '/fhir/Patient',
      headers: { ...(await authHeader(t.app, 'demo-huisarts')), 'content-type': FHIR_JSON },
      payload: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Log' }] }),
    });
    expect(res.statusCode).toBe(201);
    patient = (JSON.parse(res.body) as { id: string }).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps each access as one row of this month, and nothing of it among the resources or their index', async () => {
    const before = await count("SELECT count(*) AS n FROM audit_log WHERE $1 = ANY(patients) AND subtype_code = 'read'", [patient]);
    for (let i = 0; i < 5; i++) expect((await get('demo-huisarts', `Patient/${patient}`)).status).toBe(200);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE $1 = ANY(patients) AND subtype_code = 'read'", [patient])).toBe(before + 5);
    expect(await count("SELECT count(*) AS n FROM resources WHERE resource_type = 'AuditEvent'")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM resource_history WHERE resource_type = 'AuditEvent'")).toBe(0);
    for (const table of ['sp_token', 'sp_string', 'sp_reference', 'sp_date', 'sp_uri']) {
      expect(await count(`SELECT count(*) AS n FROM ${table} WHERE resource_type = 'AuditEvent'`)).toBe(0);
    }
    const month = new Date().toISOString().slice(0, 7).replace('-', '_');
    const partitions = await t.store.db.query<{ p: string }>('SELECT DISTINCT tableoid::regclass::text AS p FROM audit_log WHERE $1 = ANY(patients)', [patient]);
    expect(partitions.rows.map((r) => r.p)).toEqual([`audit_log_${month}`]);
  });

  it('serves the events of a patient as AuditEvents, each readable by id', async () => {
    const search = await get('demo-admin', `AuditEvent?patient=Patient/${patient}&subtype=read&_count=50`);
    const events = ((search.body as unknown as Bundle).entry ?? []).map((e) => e.resource as AuditEvent);
    expect(events.length).toBeGreaterThanOrEqual(5);
    for (const event of events.slice(0, 2)) expect((await get('demo-admin', `AuditEvent/${event.id}`)).body).toEqual(event);
  });

  it('moved an AuditEvent stored as a resource into the log, and serves it as it was', async () => {
    const read = await get('demo-admin', `AuditEvent/${LEGACY_ID}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).toBe(LEGACY_JSON);
    for (const query of ['patient=Patient/old-patient', 'entity=Task/old-task', 'agent=Organization/old-practice', `agent:identifier=${CLIENT_ID_SYSTEM}|old-client`, 'date=2026-11-20']) {
      const found = await get('demo-admin', `AuditEvent?${query}`);
      expect({ query, ids: ((found.body as unknown as Bundle).entry ?? []).map((e) => e.resource!.id) }).toEqual({ query, ids: [LEGACY_ID] });
    }
  });

  it('drops the partitions past the retention, and the chain of what is left stays intact', async () => {
    await t.store.db.query("SELECT brug_audit_partition('2020-01-01')");
    const old = rowOfFacts(
      { type: { code: 'rest' }, subtype: { code: 'read' }, action: 'R', recorded: '2020-01-15T12:00:00.000Z', outcome: '0', actor: { clientId: 'demo-admin' }, entities: [] },
      t.config.baseUrl,
    );
    await appendAuditRows(t.store.db, [old]);
    await sealLog(t.store.db);
    // A block holds one month's rows, so the month dropped takes whole blocks with it.
    expect(await count("SELECT count(*) AS n FROM audit_seal WHERE first_recorded < '2020-02-01' AND last_recorded >= '2020-02-01'")).toBe(0);
    expect((await get('demo-admin', `AuditEvent/${old.id}`)).status).toBe(200);
    expect(await keepPartitions(t.store.db, 12)).toEqual(['audit_log_2020_01']);
    expect((await get('demo-admin', `AuditEvent/${old.id}`)).status).toBe(404);
    expect(await count("SELECT count(*) AS n FROM pg_class WHERE relname = 'audit_log_2020_01'")).toBe(0);
    const { code, out } = await verify();
    expect(out).toMatch(/the chain is intact/);
    expect(code).toBe(0);
  });

  it('points audit:verify at a row changed, and at a row removed, in SQL', async () => {
    for (let i = 0; i < 3; i++) await get('demo-huisarts', `Patient/${patient}`);
    // A row is sealed once every transaction older than its own has ended, in any database of the server.
    const until = Date.now() + 10_000;
    let sealed = await sealLog(t.store.db);
    while (sealed === 0 && Date.now() < until) sealed = await sealLog(t.store.db);
    expect(sealed).toBeGreaterThan(0);
    expect((await verify()).code).toBe(0);
    const [changed, removed] = (
      await t.store.db.query<{ id: string; seq: string }>(
        "SELECT a.id, a.seq::text AS seq FROM audit_log a WHERE $1 = ANY(a.patients) AND a.seq IN (SELECT unnest(seqs) FROM audit_seal) ORDER BY a.seq DESC LIMIT 2",
        [patient],
      )
    ).rows;
    // Someone with the database's superuser rights, past the append-only triggers.
    await t.store.db.transaction(async (sql) => {
      await sql.query('SET LOCAL session_replication_role = replica');
      await sql.query("UPDATE audit_log SET outcome = '4' WHERE id = $1", [changed!.id]);
      await sql.query('DELETE FROM audit_log WHERE id = $1', [removed!.id]);
    });
    const { code, out } = await verify();
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`BROKEN at block \\d+, row ${changed!.seq}, AuditEvent/${changed!.id}, recorded \\S+: the row was changed`));
    expect(out).toMatch(new RegExp(`BROKEN at block \\d+, row ${removed!.seq}: the row was removed`));
  });
});

import type { JSONWebKeySet } from 'jose';
import type { Database } from '../../store/index.ts';
import type { OrganizationRef } from '../principal.ts';
import { isRole, type Role } from '../roles.ts';

/** A registered backend client: who it is, for which organisation and role, and the public keys it signs with. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly name: string;
  readonly role: Role;
  readonly organization?: OrganizationRef;
  /** The most a token for this client may carry, space-separated SMART scopes. */
  readonly scopes: string;
  readonly jwks: JSONWebKeySet;
  readonly active: boolean;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

interface ClientRow {
  client_id: string;
  name: string;
  role: string;
  organization_id: string | null;
  scopes: string;
  jwks: JSONWebKeySet | string;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

function fromRow(row: ClientRow): RegisteredClient {
  if (!isRole(row.role)) throw new Error(`client ${row.client_id} has an unknown role ${row.role}`);
  return {
    clientId: row.client_id,
    name: row.name,
    role: row.role,
    organization: row.organization_id ? { id: row.organization_id, reference: `Organization/${row.organization_id}` } : undefined,
    scopes: row.scopes,
    jwks: typeof row.jwks === 'string' ? (JSON.parse(row.jwks) as JSONWebKeySet) : row.jwks,
    active: row.active,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

// Tokens are checked on every request; a disabled client is refused within this many milliseconds on every instance.
const CACHE_MS = 5_000;

/** The registered clients, in the database so every instance sees the same ones. */
export class ClientRegistry {
  private readonly db: Database;
  private readonly cache = new Map<string, { client: RegisteredClient | undefined; until: number }>();

  constructor(db: Database) {
    this.db = db;
  }

  async get(clientId: string): Promise<RegisteredClient | undefined> {
    const rows = await this.db.query<ClientRow>('SELECT * FROM security_clients WHERE client_id = $1', [clientId]);
    const client = rows.rows[0] ? fromRow(rows.rows[0]) : undefined;
    this.cache.set(clientId, { client, until: Date.now() + CACHE_MS });
    return client;
  }

  /** As `get`, from a few seconds' cache: for checking a token's client on every request. */
  async getCached(clientId: string): Promise<RegisteredClient | undefined> {
    const hit = this.cache.get(clientId);
    if (hit && hit.until > Date.now()) return hit.client;
    return this.get(clientId);
  }

  async list(): Promise<RegisteredClient[]> {
    const rows = await this.db.query<ClientRow>('SELECT * FROM security_clients ORDER BY client_id');
    return rows.rows.map(fromRow);
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: string | number }>('SELECT count(*) AS n FROM security_clients');
    return Number(rows.rows[0]?.n ?? 0);
  }

  /** Registers a client, or replaces the registration of one with the same id. */
  async save(client: Omit<RegisteredClient, 'createdAt' | 'updatedAt'>): Promise<RegisteredClient> {
    await this.db.query(
      `INSERT INTO security_clients (client_id, name, role, organization_id, scopes, jwks, active)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (client_id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
         organization_id = EXCLUDED.organization_id, scopes = EXCLUDED.scopes, jwks = EXCLUDED.jwks,
         active = EXCLUDED.active, updated_at = now()`,
      [client.clientId, client.name, client.role, client.organization?.id ?? null, client.scopes, JSON.stringify(client.jwks), client.active],
    );
    const saved = await this.get(client.clientId);
    return saved!;
  }

  async setActive(clientId: string, active: boolean): Promise<boolean> {
    const result = await this.db.query('UPDATE security_clients SET active = $2, updated_at = now() WHERE client_id = $1', [clientId, active]);
    this.cache.delete(clientId);
    return result.rowCount > 0;
  }
}

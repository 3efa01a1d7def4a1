import type { Database } from '../../store/index.ts';

// Expired ids are deleted at most this often; until then the exp check already refuses their assertions.
const PRUNE_EVERY_MS = 60_000;

/**
 * The `jti`s of accepted client assertions, kept in the database until the assertion expires, so an assertion is
 * accepted once on any instance (RFC 7523 §3, item 7).
 */
export class AssertionIds {
  private readonly db: Database;
  private nextPrune = 0;

  constructor(db: Database) {
    this.db = db;
  }

  /** Records the id; false when this client already used it (a replay). The primary key decides, across instances. */
  async claim(clientId: string, jti: string, expiresAt: Date): Promise<boolean> {
    await this.pruneNowAndThen();
    const result = await this.db.query(
      'INSERT INTO security_assertion_ids (client_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [clientId, jti, expiresAt.toISOString()],
    );
    return result.rowCount === 1;
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() < this.nextPrune) return;
    this.nextPrune = Date.now() + PRUNE_EVERY_MS;
    await this.db.query('DELETE FROM security_assertion_ids WHERE expires_at < now()');
  }
}

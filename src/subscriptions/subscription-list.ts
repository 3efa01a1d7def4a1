import type { Principal } from '../fhir/index.ts';
import type { Database } from '../store/index.ts';
import { normalizeState, STATE_COLUMNS, STATE_FROM, type StateRow } from './state-rows.ts';
import { findTopic, type Topic } from './topics.ts';

/** A subscription the matcher may create events for, with its topic and its subscriber as a caller. */
export interface Matchable {
  readonly state: StateRow;
  readonly topic?: Topic;
  readonly createdAt: number;
  /** Undefined when its client is disabled or gone: it is then told nothing. */
  readonly principal?: Principal;
}

/**
 * The subscriptions that are not off, kept between matcher runs: read again when a Subscription is written here,
 * when the matcher sees one it does not know, or after `maxAgeMs` (a change made through another instance).
 */
export class SubscriptionList {
  private cached?: { at: number; list: Matchable[] };
  private readonly db: Database;
  private readonly principalFor: (state: StateRow) => Promise<Principal | undefined>;
  private readonly maxAgeMs: number;

  constructor(db: Database, principalFor: (state: StateRow) => Promise<Principal | undefined>, maxAgeMs: number) {
    this.db = db;
    this.principalFor = principalFor;
    this.maxAgeMs = maxAgeMs;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  async get(): Promise<Matchable[]> {
    if (this.cached && Date.now() - this.cached.at < this.maxAgeMs) return this.cached.list;
    const at = Date.now();
    const { rows } = await this.db.query<StateRow & { created_at: Date | string }>(`SELECT ${STATE_COLUMNS}, s.created_at FROM ${STATE_FROM} WHERE s.status <> 'off'`);
    const list = await Promise.all(
      rows.map(async (row) => {
        const state = normalizeState(row);
        return { state, topic: findTopic(state.topic), createdAt: new Date(row.created_at).getTime(), principal: await this.principalFor(state) };
      }),
    );
    this.cached = { at, list };
    return list;
  }
}

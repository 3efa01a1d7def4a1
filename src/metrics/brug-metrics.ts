import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolUse } from '../store/index.ts';

/** Where the gauges read their values at scrape time; each layer offers its own, the app wires them here. */
export interface MetricSources {
  readonly pool: () => PoolUse;
  /** The subscriptions' outbox and delivery backlog; absent when subscriptions are not part of the app. */
  /** Access events waiting for their audit batch; absent without the audit trail. */
  readonly auditWaiting?: () => number;
  readonly subscriptions?: () => Promise<{ outboxDepth: number; outboxAgeSeconds: number; undeliveredEvents: number; byStatus: Readonly<Record<string, number>> }>;
}

/** Seconds: from a cached read (a few ms) to the request deadline (8 s) and beyond. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SUBSCRIPTION_STATUSES = ['requested', 'active', 'error', 'off'];

/** Every metric Brug exports, in one registry of its own (nothing global, so tests can build many apps). */
export class BrugMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'brug_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status code', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({ name: 'brug_http_request_duration_seconds', help: 'Time from receiving a request to the end of its answer', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly fhirInteractions = new Counter({ name: 'brug_fhir_interactions_total', help: 'FHIR interactions (a Bundle counts once, not per entry), by interaction, resource type and status', labelNames: ['interaction', 'type', 'status'], registers: [this.registry] });
  readonly fhirDuration = new Histogram({ name: 'brug_fhir_interaction_duration_seconds', help: 'Time a FHIR interaction took, hooks included', labelNames: ['interaction', 'type'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly auditEvents = new Counter({ name: 'brug_audit_access_events_total', help: 'Access events (reads, searches, refusals, token requests) committed to the audit log in batches', registers: [this.registry] });
  readonly auditLag = new Histogram({ name: 'brug_audit_batch_lag_seconds', help: 'From the oldest event of an audit batch arriving to the batch being committed: how long answers waited for their access to be logged', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly deliveries = new Counter({ name: 'brug_subscription_deliveries_total', help: 'Subscription notification attempts, by notification type and outcome', labelNames: ['type', 'outcome'], registers: [this.registry] });

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'brug_' });
    const poolGauge = (name: string, help: string, read: (use: PoolUse) => number) =>
      new Gauge({ name, help, registers, collect() { this.set(read(sources.pool())); } });
    poolGauge('brug_db_pool_connections', 'Database connections open (idle and in use)', (u) => u.open);
    poolGauge('brug_db_pool_connections_max', 'The most database connections the pool opens (DATABASE_POOL_SIZE)', (u) => u.max);
    poolGauge('brug_db_pool_connections_idle', 'Open database connections not in use', (u) => u.idle);
    poolGauge('brug_db_pool_waiting', 'Callers waiting for a database connection', (u) => u.waiting);
    poolGauge('brug_db_pool_queue_limit', 'Callers that may wait before the next is refused with 503 (DATABASE_QUEUE_LIMIT)', (u) => u.queueLimit);
    if (sources.subscriptions) this.subscriptionGauges(sources.subscriptions);
    const waiting = sources.auditWaiting;
    if (waiting) new Gauge({ name: 'brug_audit_events_waiting', help: 'Access events waiting for their audit batch', registers, collect() { this.set(waiting()); } });
  }

  /** One committed batch of access events. */
  auditBatch({ events, lagMs }: { events: number; lagMs: number }): void {
    this.auditEvents.inc(events);
    this.auditLag.observe(lagMs / 1000);
  }

  /** One notification attempt of a subscription. */
  delivery({ type, delivered }: { type: string; delivered: boolean }): void {
    this.deliveries.inc({ type, outcome: delivered ? 'delivered' : 'failed' });
  }

  private subscriptionGauges(read: NonNullable<MetricSources['subscriptions']>): void {
    const registers = [this.registry];
    // One read per scrape feeds all four gauges: the first gauge collected starts it, the others await the same one.
    let pending: ReturnType<typeof read> | undefined;
    const backlog = () => (pending ??= read().finally(() => setImmediate(() => (pending = undefined))));
    new Gauge({ name: 'brug_subscription_outbox_depth', help: 'Topic-relevant writes not yet matched to subscriptions', registers, async collect() { this.set((await backlog()).outboxDepth); } });
    new Gauge({ name: 'brug_subscription_outbox_age_seconds', help: 'Age of the oldest unmatched write (0 when none)', registers, async collect() { this.set((await backlog()).outboxAgeSeconds); } });
    new Gauge({ name: 'brug_subscription_undelivered_events', help: 'Events of live subscriptions not yet delivered', registers, async collect() { this.set((await backlog()).undeliveredEvents); } });
    new Gauge({
      name: 'brug_subscriptions',
      help: 'Subscriptions by status (error: failing deliveries)',
      labelNames: ['status'],
      registers,
      async collect() {
        const { byStatus } = await backlog();
        for (const status of new Set([...SUBSCRIPTION_STATUSES, ...Object.keys(byStatus)])) this.set({ status }, byStatus[status] ?? 0);
      },
    });
  }
}

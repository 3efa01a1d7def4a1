/**
 * Operability: Prometheus metrics of the running service (requests, FHIR interactions, the database pool, the
 * subscriptions' backlog and deliveries, the process). The layers know nothing of it: the app hands it each layer's
 * readings (`MetricSources`) and its delivery callback.
 */
export { BrugMetrics, type MetricSources } from './brug-metrics.ts';
export { metricsRoutes, type MetricsOptions } from './metrics-plugin.ts';

/**
 * Monitoring (issue 8): the GALA-monitor key figures per gemeente, as Brug Measures evaluated by `$evaluate-measure`
 * into summary MeasureReports computed in the database, with small counts suppressed; the population figures they
 * rest on (`PUT /monitoring/population`, CBS CSV); and the dashboard page for municipalities.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { migrate, type Database } from '../store/index.ts';
import { registerDashboard } from './dashboard/index.ts';
import { registerEvaluateMeasure } from './evaluate-operation.ts';
import { MONITORING_MIGRATIONS } from './migrations.ts';
import { loadMonitoringTerminology } from './monitoring-terminology.ts';
import { registerPopulationRoute } from './population-route.ts';
import { seedMeasures } from './seed-measures.ts';

export { MEASURES, measureUrl } from './measures.ts';
export { MONITORING_MIGRATIONS } from './migrations.ts';
export { parsePopulationCsv } from './population-csv.ts';

export interface MonitoringOptions {
  readonly db: Database;
  readonly config: Config;
}

const monitoringPlugin: FastifyPluginAsync<MonitoringOptions> = async (app, { db, config }) => {
  await migrate(db, MONITORING_MIGRATIONS);
  const terminology = await loadMonitoringTerminology(app.terminology);
  registerEvaluateMeasure(app.fhirOperations, { db, terminology, minCount: config.monitoringMinCount });
  await registerPopulationRoute(app, db);
  registerDashboard(app, { minCount: config.monitoringMinCount });
  app.addHook('onReady', async () => {
    const written = await seedMeasures(app.fhirEngine);
    if (written > 0) app.log.info({ written }, 'monitoring Measures written');
  });
};

export const monitoring = fp(monitoringPlugin, { name: 'brug-monitoring', fastify: '5.x', dependencies: ['brug-fhir', 'brug-security', 'brug-terminology'] });

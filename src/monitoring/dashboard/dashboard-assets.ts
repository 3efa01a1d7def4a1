import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One file the dashboard page loads, read once when the routes are registered. */
export interface DashboardAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The page's own modules, written by hand as plain browser ES modules: a dozen small files need no bundler. Paths
 * are relative to the project folder, which the service runs from (as for `PROFILES_DIR`).
 */
const OWN_ASSETS: Readonly<Record<string, string>> = {
  'dashboard.css': CSS,
  'main.js': JS,
  'access-token.js': JS,
  'build-element.js': JS,
  'fhir-client.js': JS,
  'periods.js': JS,
  'read-measure-report.js': JS,
  'collect-figures.js': JS,
  'labels.js': JS,
  'format-value.js': JS,
  'render-tiles.js': JS,
  'render-breakdowns.js': JS,
  'render-trend-chart.js': JS,
  'csv-export.js': JS,
};

/**
 * Charting: uPlot. It draws the quarter trends on a canvas in about 50 kB (minified) with no dependencies, ships an ES module build
 * the browser imports as is, and touches styles only through the CSSOM, so it runs under a `style-src 'self'`
 * policy without 'unsafe-inline'. Chart.js would do too, at four times the size. Resolved through Node's resolver
 * so a hoisted or nested install is found the same way.
 */
const LIBRARY_ASSETS: Readonly<Record<string, { module: string; contentType: string }>> = {
  'uplot.esm.js': { module: 'uplot/dist/uPlot.esm.js', contentType: JS },
  'uplot.css': { module: 'uplot/dist/uPlot.min.css', contentType: CSS },
};

export const DASHBOARD_ASSET_DIR = path.resolve('src/monitoring/dashboard/assets');

/**
 * Every asset by the file name it is served under (`/dashboard/assets/<name>`), plus the page itself with the
 * small-count threshold filled in.
 */
export function loadDashboardAssets(minCount: number): { page: DashboardAsset; assets: ReadonlyMap<string, DashboardAsset> } {
  const assets = new Map<string, DashboardAsset>();
  for (const [name, contentType] of Object.entries(OWN_ASSETS)) {
    assets.set(name, { contentType, body: readFileSync(path.join(DASHBOARD_ASSET_DIR, name)) });
  }
  const resolve = createRequire(path.resolve('package.json')).resolve;
  for (const [name, { module, contentType }] of Object.entries(LIBRARY_ASSETS)) {
    assets.set(name, { contentType, body: readFileSync(resolve(module)) });
  }
  // The page's one setting: a number, so it cannot carry markup into the page.
  const html = readFileSync(path.join(DASHBOARD_ASSET_DIR, 'index.html'), 'utf8').replace(/(<meta name="brug-drempel" content=")\d+(")/, `$1${Math.trunc(minCount)}$2`);
  const page = { contentType: 'text/html; charset=utf-8', body: Buffer.from(html) };
  return { page, assets };
}

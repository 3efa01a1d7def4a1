/**
 * The municipality dashboard (issue 8): one static page that reads the key figures from the FHIR API with the
 * caller's own bearer token. The page and its assets hold no data, so they are public; they sit outside the FHIR
 * base, where the authenticate hook does not run.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { loadDashboardAssets, type DashboardAsset } from './dashboard-assets.ts';

/**
 * Scripts, styles and API calls from this origin only; uPlot's legend markers are the only images (data: URLs).
 * No inline script or style, no frames, no forms, no <base>.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function send(reply: FastifyReply, asset: DashboardAsset): FastifyReply {
  // The files change only with a deployment: a browser may keep them briefly, but must ask again after that.
  return reply.header('Content-Security-Policy', DASHBOARD_CSP).header('Cache-Control', 'no-cache').type(asset.contentType).send(asset.body);
}

export interface DashboardOptions {
  /** The small-count threshold the server masks below, so the page says "< 5" with the right number. */
  readonly minCount?: number;
}

export function registerDashboard(app: FastifyInstance, options: DashboardOptions = {}): void {
  const { page, assets } = loadDashboardAssets(options.minCount ?? 5);
  app.get('/dashboard', async (_request, reply) => send(reply, page));
  app.get<{ Params: { name: string } }>('/dashboard/assets/:name', async (request, reply) => {
    const asset = assets.get(request.params.name);
    if (asset) return send(reply, asset);
    reply.callNotFound();
    return reply;
  });
}

// The dashboard (issue 8) in a real headless browser: Debian's chromium driven by playwright-core, on the seeded
// GALA fixture, against the figures computed by hand in gala-fixture.ts. One store only: the figures
// themselves are compared by the $evaluate-measure suite; this suite is about the page.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { tokenFor } from '../support/security.ts';
import { expectedDashboardCells, FIXTURE_GEMEENTE, FIXTURE_GEMEENTE_NAME, FIXTURE_YEAR, PREVIOUS_YEAR, seedDashboardFixture, type ExpectedCell } from './dashboard-expected.ts';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get install -y chromium';
const SCREENSHOT = 'test-output/dashboard.png';
/** What a policy officer sees first, without scrolling, at full resolution. */
const SCREENSHOT_TOP = 'test-output/dashboard-top.png';
/** axe-core's browser build, evaluated in the page through the driver (the page's own CSP allows no injected script). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MASKED = 'afgeschermd';
const hasChromium = existsSync(CHROMIUM);

/** Without chromium the browser tests fail on CI (it must install it, see .ci/run) and are skipped elsewhere, loudly. */
function browserTest(name: string, body: () => Promise<void>): void {
  if (hasChromium) it(name, body);
  else if (process.env.CI) {
    it(name, () => {
      throw new Error(`${CHROMIUM} is not installed: CI must install Debian's chromium for the dashboard test (${INSTALL}; .ci/run does this)`);
    });
  } else it.skip(`${name} (SKIPPED: no ${CHROMIUM}; install it with \`${INSTALL}\`)`, body);
}

if (!hasChromium && !process.env.CI) {
  console.warn(`\n[brug tests] *** ${CHROMIUM} not found: the dashboard browser tests are SKIPPED. Install it with \`${INSTALL}\`. ***\n`);
}

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface ShownCell {
  figure: string;
  period: string;
  stratum?: string;
  text: string;
  value?: string;
  masked?: string;
}

function cellKey(c: { figure: string; period: string; stratum?: string }): string {
  return `${c.figure}|${c.period}|${c.stratum ?? ''}`;
}

async function shownCells(page: Page): Promise<Map<string, ShownCell>> {
  const cells = await page.$$eval('[data-figure][data-period]', (nodes) =>
    nodes.map((n) => {
      // Runs in the page; the project's type checking has no DOM library, so the element is described here.
      const d = (n as unknown as { dataset: Record<string, string | undefined> }).dataset;
      return { figure: d.figure!, period: d.period!, stratum: d.stratum, text: (n.textContent ?? '').trim(), value: d.value, masked: d.masked };
    }),
  );
  const byKey = new Map<string, ShownCell>();
  for (const cell of cells) {
    expect(byKey.has(cellKey(cell))).toBe(false);
    byKey.set(cellKey(cell), cell);
  }
  return byKey;
}

function parseCsv(text: string): string[][] {
  return text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(';'));
}

/** What a policy officer reads off the cards: one title per card, a definition behind each, no empty charts, targets as lines. */
async function expectCardsForAPolicyOfficer(page: Page): Promise<void> {
  const titles = await page.locator('.tegel h3, .uitsplitsing h3').allTextContents();
  expect(titles.length).toBeGreaterThan(15);
  expect(new Set(titles).size).toBe(titles.length);
  for (const link of await page.locator('a.voetnoot').all()) {
    const target = (await link.getAttribute('href'))!;
    expect((await link.getAttribute('title'))?.length).toBeGreaterThan(20);
    expect((await page.locator(target).textContent())?.length).toBeGreaterThan(20);
  }
  expect(await page.locator('a.voetnoot').count()).toBe(titles.length);
  // A card whose quarters are all masked draws no chart; every other card draws one.
  const cards = await page.locator('.tegel').count();
  const charts = await page.locator('.tegel canvas').count();
  const withoutChart = await page.locator('.tegel .geen-grafiek').count();
  expect(charts + withoutChart).toBe(cards);
  expect(withoutChart).toBeGreaterThan(0);
  expect(await page.locator('[data-card="verwijzingen/aantal"] .geen-grafiek').count()).toBe(0);
  expect(await page.locator('[data-card="doorlooptijd-eerste-contact/mediaan-dagen"] canvas').count()).toBe(0);
  // A masked figure says which unit its small count is in, never "< 5".
  const masked = page.locator('[data-card="afloop/aandeel-afgewezen"] .waarde');
  expect(await masked.innerText()).toMatch(/^afgeschermd\s+minder dan 5 verwijzingen/);
  expect(await page.locator('body').textContent()).not.toContain('< 5');
  // Nothing sticks out of its card or off the page.
  expect(await page.evaluate(() => { const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement; return d.scrollWidth - d.clientWidth; })).toBe(0);
  // This year beside the year before.
  expect(await page.locator('[data-card="verwijzingen/aantal"] .vorig-jaar').textContent()).toBe(`${PREVIOUS_YEAR}: 10`);
  // Across the quarters: GM0344's Q3 (3 referrals) would be the year minus the others, so Q2 is masked with it.
  const quarters = await page.locator('[data-card="verwijzingen/aantal"] .kwartalen [data-masked="true"]').evaluateAll((nodes) => nodes.map((n) => (n as unknown as { dataset: { period: string } }).dataset.period));
  expect(quarters).toEqual([`${FIXTURE_YEAR}-Q2`, `${FIXTURE_YEAR}-Q3`]);
}

describe('dashboard in a headless browser [postgres]', () => {
  let t: TestApp;
  let origin: string;
  let token: string;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('postgres', { security: true, listen: true });
    origin = new URL(t.baseUrl).origin;
    await seedDashboardFixture(t.app);
    token = await tokenFor(t.app, 'demo-gemeente');
    if (hasChromium) {
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
      context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    }
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  async function openDashboard(fragment: string): Promise<Page> {
    const page = await context!.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Content.Security.Policy/i.test(msg.text())) problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    await page.goto(`${origin}/dashboard${fragment}`);
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 60_000 });
    return page;
  }

  it('serves the page and its assets without a token, under a strict Content-Security-Policy', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/dashboard' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('<meta name="brug-drempel" content="5">');
    expect(page.body).not.toMatch(/<script>|<style>|style="/);
    for (const [asset, type] of [
      ['main.js', /^text\/javascript/],
      ['uplot.esm.js', /^text\/javascript/],
      ['uplot.css', /^text\/css/],
      ['dashboard.css', /^text\/css/],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/dashboard/assets/${asset}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers['content-security-policy']).toBe(csp);
    }
  });

  it('answers an unknown asset, or a path out of the folder, with a 404 OperationOutcome', async () => {
    for (const url of ['/dashboard/assets/nope.js', '/dashboard/assets/..%2Fdashboard-assets.ts', '/dashboard/assets/%2e%2e%2f%2e%2e%2fpackage.json']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json().resourceType).toBe('OperationOutcome');
    }
  });

  browserTest('shows every figure of the fixture as computed by hand, masked ones as masked, and exports them as CSV', async () => {
    const page = await openDashboard(`#token=${token}&jaar=${FIXTURE_YEAR}`);
    expect(await page.locator('#melding').textContent()).toBe('');
    expect(await page.getAttribute('body', 'data-state')).toBe('ready');
    // The token leaves the address bar once read.
    expect(new URL(page.url()).hash).toBe('');
    // Taken first, so a failing comparison below still leaves a picture of what the page showed.
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.screenshot({ path: SCREENSHOT_TOP });

    const shown = await shownCells(page);
    const expected: ExpectedCell[] = expectedDashboardCells();
    const mismatches: string[] = [];
    for (const want of expected) {
      const cell = shown.get(cellKey(want));
      const wanted = want.shown === 'masked' ? `"${MASKED}"` : want.shown === null ? '"–"' : String(want.shown);
      if (!cell) mismatches.push(`${cellKey(want)}: not shown, expected ${wanted}`);
      else if (want.shown === 'masked') {
        if (cell.text !== MASKED || cell.masked !== 'true' || cell.value !== undefined) mismatches.push(`${cellKey(want)}: shows "${cell.text}", expected "${MASKED}"`);
      } else if (want.shown === null) {
        if (cell.text !== '–' || cell.value !== undefined) mismatches.push(`${cellKey(want)}: shows "${cell.text}", expected "–"`);
      } else if (cell.value === undefined || Number(cell.value) !== want.shown) mismatches.push(`${cellKey(want)}: shows ${cell.value ?? `"${cell.text}"`}, expected ${wanted}`);
    }
    expect(mismatches).toEqual([]);
    // Nothing shown that the fixture does not account for, and the fixture has masked figures to show.
    expect([...shown.keys()].filter((key) => !expected.some((c) => cellKey(c) === key))).toEqual([]);
    expect(expected.filter((c) => c.shown === 'masked').length).toBeGreaterThan(10);
    // Dutch number format on screen: 5.1 % reads "5,1".
    expect(shown.get(cellKey({ figure: 'aangesloten-praktijken/aandeel', period: String(FIXTURE_YEAR) }))?.text).toBe('5,1');
    expect(await page.locator('#gemeente').textContent()).toContain(`${FIXTURE_GEMEENTE_NAME} (${FIXTURE_GEMEENTE})`);
    await expectCardsForAPolicyOfficer(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-export')]);
    expect(download.suggestedFilename()).toBe(`brug-kengetallen-${FIXTURE_GEMEENTE}-${FIXTURE_YEAR}.csv`);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(rows[0]).toEqual(['gemeente', 'periode', 'kengetal', 'groep', 'uitsplitsing', 'waarde', 'eenheid']);
    const csv = new Map(rows.slice(1).map((r) => [`${r[2]}/${r[3]}|${r[1]}|${(r[4] ?? '').split('=')[1] ?? ''}`, r]));
    expect(csv.size).toBe(rows.length - 1);
    expect(csv.size).toBe(expected.length);
    for (const want of expected) {
      const row = csv.get(cellKey(want));
      expect(row?.[0]).toBe(FIXTURE_GEMEENTE);
      expect([cellKey(want), row?.[5]]).toEqual([cellKey(want), want.shown === 'masked' ? MASKED : want.shown === null ? '' : String(want.shown).replace('.', ',')]);
    }
    expect(csv.get(cellKey({ figure: 'verwijzingen/per-10000-inwoners-per-jaar', period: String(FIXTURE_YEAR) }))?.[6]).toBe('per 10.000 inwoners per jaar');
    expect(problems).toEqual([]);
    await page.close();
  });

  browserTest('meets WCAG 2.1 AA as axe-core checks it', async () => {
    const page = await openDashboard(`#token=${token}&jaar=${FIXTURE_YEAR}`);
    expect(await page.getAttribute('body', 'data-state')).toBe('ready');
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      // Runs in the page, where axe-core now is; the project's type checking has no DOM library.
      const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  browserTest('says so, rather than showing a blank page, when the token is missing or not valid', async () => {
    const missing = await openDashboard('');
    expect(await missing.getAttribute('body', 'data-state')).toBe('error');
    expect(await missing.locator('#melding').textContent()).toMatch(/toegangstoken ontbreekt/);
    expect(await missing.locator('#token-form').isVisible()).toBe(true);
    await missing.close();

    const invalid = await openDashboard('#token=not-a-valid-token');
    expect(await invalid.getAttribute('body', 'data-state')).toBe('error');
    expect(await invalid.locator('#melding').isVisible()).toBe(true);
    expect(await invalid.locator('#melding').textContent()).toMatch(/ongeldig of is verlopen/);
    expect(await invalid.locator('[data-figure]').count()).toBe(0);
    await invalid.close();

    // A token of a client that is not a municipality: a 403 from the API, shown as such.
    const huisarts = await openDashboard(`#token=${await tokenFor(t.app, 'demo-huisarts')}`);
    expect(await huisarts.getAttribute('body', 'data-state')).toBe('error');
    expect(await huisarts.locator('#melding').textContent()).toMatch(/geen toegang/);
    await huisarts.close();
    // The refusals above are expected console errors (failed requests); nothing else may have gone wrong.
    expect(problems.filter((p) => !/status of 40[13]/.test(p))).toEqual([]);
  });
});

// The dashboard: reads the token, fetches the Measures and one report per measure and period, and renders them.
// `<body data-state>` is "loading", "ready" (everything drawn) or "error" (a message says why).
import { forgetToken, readFragment, storedToken, storeToken } from './access-token.js';
import { collectFigures } from './collect-figures.js';
import { buildCsv, csvFileName, downloadCsv } from './csv-export.js';
import { FhirError, fhirClient, mapLimited } from './fhir-client.js';
import { h } from './build-element.js';
import { maskedReason, MASKED_TEXT } from './format-value.js';
import { measureOrder } from './labels.js';
import { periodsOf, yearChoices } from './periods.js';
import { readMeasure, readMeasureReport } from './read-measure-report.js';
import { renderBreakdowns } from './render-breakdowns.js';
import { renderTiles } from './render-tiles.js';

/** Counts below this are masked by the server; the page is served with the configured value in a meta tag. */
const THRESHOLD = Number(document.querySelector('meta[name="brug-drempel"]')?.content) || 5;
const PARALLEL_REQUESTS = 6;

const $ = (id) => document.getElementById(id);
let currentModel;
let loadCount = 0;

function setState(state) {
  document.body.dataset.state = state;
}

function showMessage(text) {
  $('melding').textContent = text;
  $('melding').hidden = !text;
}

function showToken(show) {
  $('token-form').hidden = !show;
  if (show) $('token').focus();
}

function messageFor(error) {
  if (!(error instanceof FhirError)) return `Er ging iets mis bij het tonen van de kengetallen: ${error.message}`;
  if (error.status === 401) return 'Het toegangstoken ontbreekt, is ongeldig of is verlopen. Vraag een nieuw token aan en vul het hieronder in.';
  if (error.status === 403) return `Dit token geeft geen toegang tot de kengetallen van een gemeente (${error.message}).`;
  if (error.status === 0) return error.message;
  return `Het ophalen van de kengetallen is mislukt (HTTP ${error.status}): ${error.message}`;
}

function fail(error) {
  currentModel = undefined;
  $('csv-export').disabled = true;
  $('laden').hidden = true;
  showMessage(messageFor(error));
  showToken(error instanceof FhirError && (error.status === 401 || error.status === 403));
  setState('error');
}

async function fetchModel(token, year) {
  const client = fhirClient(token);
  const periods = periodsOf(year);
  const measures = (await client.measures()).map(readMeasure).sort((a, b) => measureOrder(a.id) - measureOrder(b.id));
  const jobs = measures.flatMap((m) => periods.map((p) => ({ m, p })));
  const reports = await mapLimited(jobs, PARALLEL_REQUESTS, async ({ m, p }) => readMeasureReport(await client.evaluate(m.id, p)));
  const byMeasure = measures.map((_m, i) => reports.slice(i * periods.length, (i + 1) * periods.length));
  return collectFigures(measures, byMeasure, periods);
}

/** Numbers every card and table in page order, and lists their definitions as footnotes at the foot of the page. */
function renderDefinitions(model) {
  const all = [...model.figures, ...model.breakdowns];
  const numbers = new Map(all.map((f, i) => [f.figureKey, i + 1]));
  $('definities').replaceChildren(...all.map((f) => h('li', { id: `definitie-${numbers.get(f.figureKey)}` }, h('strong', {}, f.title), `: ${f.definition ?? f.label}`)));
  return (figure) => numbers.get(figure.figureKey);
}

function render(model, year) {
  const { code, name } = model.gemeente;
  const gemeente = name && code ? `${name} (${code})` : (name ?? code ?? 'onbekend');
  $('gemeente').textContent = `Gemeente ${gemeente} · ${year}, met ${year - 1} ter vergelijking`;
  $('kengetallen-titel').textContent = `Kengetallen ${year}`;
  for (const section of ['kengetallen', 'uitsplitsingen', 'definities-sectie']) $(section).hidden = false;
  const footnoteOf = renderDefinitions(model);
  renderTiles($('tegels'), model, THRESHOLD, footnoteOf);
  renderBreakdowns($('tabellen'), model, THRESHOLD, footnoteOf);
}

async function load(year) {
  const token = storedToken();
  const mine = ++loadCount;
  if (!token) {
    fail(new FhirError(401, 'geen token'));
    return;
  }
  setState('loading');
  showMessage('');
  showToken(false);
  $('laden').hidden = false;
  $('csv-export').disabled = true;
  try {
    const model = await fetchModel(token, year);
    if (mine !== loadCount) return;
    $('laden').hidden = true;
    render(model, year);
    currentModel = model;
    $('csv-export').disabled = false;
    setState('ready');
  } catch (error) {
    if (mine === loadCount) fail(error);
  }
}

function selectedYear() {
  return Number($('jaar').value);
}

function start() {
  $('afgeschermd-uitleg').textContent = `„${MASKED_TEXT}”: ${maskedReason(THRESHOLD, 'verwijzingen')}.`;
  const { year } = readFragment();
  const choices = yearChoices();
  if (year !== undefined && !choices.includes(year)) choices.push(year);
  $('jaar').replaceChildren(...choices.map((y) => new Option(String(y), String(y))));
  $('jaar').value = String(year ?? choices[0]);
  $('jaar').addEventListener('change', () => load(selectedYear()));
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    storeToken($('token').value.trim());
    $('token').value = '';
    load(selectedYear());
  });
  $('token-wissen').addEventListener('click', () => {
    forgetToken();
    load(selectedYear());
  });
  $('csv-export').addEventListener('click', () => {
    if (currentModel) downloadCsv(buildCsv(currentModel), csvFileName(currentModel));
  });
  load(selectedYear());
}

start();

// The few FHIR calls the page makes, with the bearer token; a failed call becomes a FhirError that says why.

const BRUG_MEASURE = 'https://brug.example.org/fhir/Measure/';

export class FhirError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'FhirError';
    this.status = status;
  }
}

function outcomeText(body) {
  const issues = body?.resourceType === 'OperationOutcome' && Array.isArray(body.issue) ? body.issue : [];
  return issues.map((i) => i.diagnostics ?? i.details?.text ?? i.code).filter(Boolean).join('; ');
}

export function fhirClient(token, base = '/fhir') {
  async function get(path) {
    let response;
    try {
      response = await fetch(`${base}/${path}`, { headers: { Accept: 'application/fhir+json', Authorization: `Bearer ${token}` } });
    } catch {
      throw new FhirError(0, 'De server is niet bereikbaar.');
    }
    const body = await response.json().catch(() => undefined);
    if (!response.ok) throw new FhirError(response.status, outcomeText(body) || response.statusText);
    return body;
  }

  return {
    /** Brug's own Measures (the figures and their national targets), not any a client may have stored. */
    async measures() {
      const bundle = await get('Measure?_count=100');
      return (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === 'Measure' && r.url?.startsWith(BRUG_MEASURE));
    },
    /** One summary MeasureReport for the caller's own gemeente (the server takes it from the token). */
    evaluate(measureId, period) {
      const query = new URLSearchParams({ periodStart: period.start, periodEnd: period.end });
      return get(`Measure/${encodeURIComponent(measureId)}/$evaluate-measure?${query}`);
    },
  };
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of the results. */
export async function mapLimited(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

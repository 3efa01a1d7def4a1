import { FhirErrors } from '../errors.ts';
import type { FhirRequest } from '../request.ts';

/** Where a request starts counting as heavy: far above any single referral, well below the limits. */
const HEAVY_BODY_BYTES = 256 * 1024;
const HEAVY_BUNDLE_ENTRIES = 100;
const HEAVY_PAGE_SIZE = 100;
const HEAVY_INCLUDES = 3;

/**
 * Whether a request will keep the event loop busy for long: a big body or Bundle to parse, validate and index, or a
 * search that fans out (iterated includes, `_has`, chains, big pages). Judged from what is at hand before the work,
 * never by running it.
 */
export function isHeavy(req: FhirRequest, bodyBytes: number): boolean {
  if (bodyBytes > HEAVY_BODY_BYTES) return true;
  const entries = (req.body as { resourceType?: unknown; entry?: unknown } | undefined)?.entry;
  if (Array.isArray(entries) && entries.length > HEAVY_BUNDLE_ENTRIES) return true;
  let includes = 0;
  for (const [name, value] of req.query) {
    if (name === '_include' || name === '_revinclude') includes++;
    if (name.endsWith(':iterate') || name === '_has' || name.startsWith('_has:')) return true;
    if (name === '_count' && Number(value) > HEAVY_PAGE_SIZE) return true;
    // A chain of three links or more (`focus:ServiceRequest.requester:PractitionerRole.name` has two dots).
    if (!name.startsWith('_') && name.split('.').length > 2) return true;
  }
  return includes > HEAVY_INCLUDES;
}

/**
 * Admission for heavy requests: at most `concurrency` run at once, the rest wait their turn in order, for at most
 * `maxWaitMs`, then are told to come back (503, Retry-After). Light requests never wait here, so one client's
 * 1000-entry Bundles queue behind each other instead of taking every turn of the event loop from everyone else.
 */
export class HeavyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly maxWaitMs: number;

  constructor(concurrency: number, maxWaitMs: number) {
    this.concurrency = concurrency;
    this.maxWaitMs = maxWaitMs;
  }

  /** Runs `work` when a place is free; refuses with 503 when none frees up in time. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  private enter(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        this.running++;
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(admit);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(FhirErrors.heavyBusy([this.concurrency, this.maxWaitMs]));
      }, this.maxWaitMs);
      this.waiting.push(admit);
    });
  }

  private leave(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}

import { addTranslations, BrugError, defineError } from '../errors.ts';
import { STORE_ERRORS_NL } from './errors-nl.ts';

export const StoreErrors = {
  conflict: defineError('BRUG_STORE_CONFLICT', 'conflict', 'The change conflicts with a concurrent change: %s'),
  busy: defineError('BRUG_STORE_BUSY', 'busy', 'The database is busy; retry the request'),
  unavailable: defineError('BRUG_STORE_UNAVAILABLE', 'busy', 'The database cannot be reached'),
  deadline: defineError('BRUG_STORE_DEADLINE', 'busy', 'The request did not finish within its deadline of %s ms and was stopped; retry later, or ask for less'),
  queueFull: defineError('BRUG_STORE_QUEUE_FULL', 'busy', 'The database is busy: %s requests already wait for a connection; retry later'),
  embeddedUnavailable: defineError('BRUG_STORE_EMBEDDED_UNAVAILABLE', 'fault', 'The embedded PostgreSQL cannot start: %s'),
  tooComplex: defineError('BRUG_STORE_TOO_COMPLEX', 'too-large', 'The request makes a database query too complex to run; ask for less in one request'),
  failed: defineError('BRUG_STORE_FAILED', 'fault', 'A database operation failed'),
  unstorableText: defineError('BRUG_STORE_UNSTORABLE_TEXT', 'invalid', 'The request contains the character U+0000 (NUL), which can be neither stored nor searched for'),
};

interface DriverError {
  code?: unknown;
  message?: unknown;
}

const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && RETRYABLE.has(String((err as DriverError).code));
}

/**
 * Turns a driver error into a BrugError at the store's edge: the rest of the service never sees SQLSTATEs.
 * Our own errors pass through untouched.
 */
export function translateDriverError(err: unknown): BrugError {
  if (err instanceof BrugError) return err;
  const code = typeof err === 'object' && err !== null ? String((err as DriverError).code ?? '') : '';
  if (code === '23505') return StoreErrors.conflict(['a resource with this identity was written at the same time'], { cause: err });
  if (RETRYABLE.has(code)) return StoreErrors.busy([], { cause: err });
  // 54001 stack depth / statement too complex, 54000 program limit (too many columns or arguments): only the size
  // of what a client asked for gets a query there.
  if (code === '54001' || code === '54000' || code === '54011' || code === '54023') return StoreErrors.tooComplex([], { cause: err });
  // NUL in a text or JSON value: the database refuses it, and only a client's input can contain it.
  if (code === '22021' || code === '22P05') return StoreErrors.unstorableText([], { cause: err });
  // 57P01–57P03: the server is shutting down or starting (the embedded cluster restarting); ENOENT: its socket is gone.
  if (code.startsWith('08') || code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'ECONNRESET' || /^57P0[123]$/.test(code)) return StoreErrors.unavailable([], { cause: err });
  return StoreErrors.failed([], { cause: err });
}

addTranslations('nl', STORE_ERRORS_NL);

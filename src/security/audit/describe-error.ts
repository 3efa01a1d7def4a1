import { isBrugError } from '../../errors.ts';

/** The refusal's message for `outcomeDesc`; a fault says only that it happened (its detail goes to the log). */
export function describeError(err: unknown): string {
  if (isBrugError(err) && err.category !== 'fault') return err.message;
  return 'The server could not complete the request';
}

/** The codings behind the log's code columns: the log keeps the code, the event carries the whole coding. */
import type { Coding } from '@medplum/fhirtypes';
import type { InteractionCode } from '../../../fhir/index.ts';
import { EVENT_TYPE, INTERACTION_ACTION, interactionSubtype, LOGIN } from '../audit-codes.ts';

const TYPES: readonly Coding[] = [EVENT_TYPE.rest, EVENT_TYPE.userAuthentication];
const SUBTYPES: readonly Coding[] = [LOGIN, ...Object.keys(INTERACTION_ACTION).map((c) => interactionSubtype(c as InteractionCode))];

function byCode(list: readonly Coding[], code: string): Coding {
  return list.find((c) => c.code === code) ?? { code };
}

export function codingOfType(code: string): Coding {
  return byCode(TYPES, code);
}

export function codingOfSubtype(code: string): Coding {
  return byCode(SUBTYPES, code);
}

/** The codings a token search on `type` or `subtype` can match. */
export const TYPE_CODINGS = TYPES;
export const SUBTYPE_CODINGS = SUBTYPES;

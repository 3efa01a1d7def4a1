import type { InteractionCode } from '../../fhir/index.ts';
import type { ScopeAction } from '../scopes.ts';

/**
 * The SMART action an interaction needs on its resource type
 * (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources).
 * Undefined: nothing is checked for the interaction as a whole. Bundles authorize each entry on its own;
 * system-level search and history are limited per type by the read filters instead.
 */
const ACTIONS: Readonly<Record<InteractionCode, ScopeAction | undefined>> = {
  create: 'c',
  read: 'r',
  vread: 'r',
  'history-instance': 'r',
  'search-type': 's',
  'history-type': 's',
  update: 'u',
  patch: 'u',
  delete: 'd',
  'search-system': undefined,
  'history-system': undefined,
  transaction: undefined,
  batch: undefined,
  capabilities: undefined,
  // Only instance and type level operations name a type; reading it is what they need.
  operation: 'r',
};

export function actionFor(interaction: InteractionCode, resourceType: string | undefined): ScopeAction | undefined {
  if (resourceType === undefined) return undefined;
  return ACTIONS[interaction];
}

export const WRITE_ACTIONS: ReadonlySet<ScopeAction> = new Set(['c', 'u', 'd']);

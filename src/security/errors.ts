import { addTranslations, defineError } from '../errors.ts';
import { SECURITY_ERRORS_NL } from './errors-nl.ts';

/** The security layer's refusals. 401s carry a `WWW-Authenticate` challenge (RFC 6750 §3). */
export const SecurityErrors = {
  noToken: defineError('BRUG_SEC_NO_TOKEN', 'unauthenticated', 'This request needs an access token: Authorization: Bearer <token> (SMART Backend Services)'),
  invalidToken: defineError('BRUG_SEC_INVALID_TOKEN', 'unauthenticated', 'The access token is not valid: %s'),
  clientInactive: defineError('BRUG_SEC_CLIENT_INACTIVE', 'unauthenticated', 'The client %s is not registered or has been disabled'),
  scopeMissing: defineError('BRUG_SEC_SCOPE', 'forbidden', 'The access token has no scope for %s on %s'),
  roleForbids: defineError('BRUG_SEC_ROLE', 'forbidden', 'Your organisation\'s role (%s) does not allow %s on %s'),
  notYours: defineError('BRUG_SEC_NOT_YOURS', 'forbidden', '%s'),
  appendOnly: defineError('BRUG_SEC_APPEND_ONLY', 'forbidden', 'The audit trail is append-only: AuditEvents are written by the server and cannot be created, changed or deleted through the API'),
  rateLimited: defineError('BRUG_SEC_RATE_LIMITED', 'too-many-requests', 'Too many requests from client %s; retry after %s seconds'),
  tooDeep: defineError('BRUG_SEC_JSON_DEPTH', 'invalid', 'The JSON body nests deeper than %s levels'),
  adminOnly: defineError('BRUG_SEC_ADMIN_ONLY', 'forbidden', 'Only an administrator client may manage clients'),
  unknownClient: defineError('BRUG_SEC_UNKNOWN_CLIENT', 'not-found', 'No client with id %s'),
  invalidClient: defineError('BRUG_SEC_INVALID_CLIENT_REGISTRATION', 'invalid', 'The client registration is not valid: %s'),
};

addTranslations('nl', SECURITY_ERRORS_NL);

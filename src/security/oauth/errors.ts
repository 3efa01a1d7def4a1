import { defineError } from '../../errors.ts';

/**
 * Refusals of the token endpoint. Each one names its RFC 6749 §5.2 `error` code in `OAUTH_ERROR_CODES`; the token
 * endpoint's own error handler answers them in OAuth's JSON format, not as an OperationOutcome.
 */
export const OAuthErrors = {
  invalidRequest: defineError('BRUG_SEC_OAUTH_INVALID_REQUEST', 'invalid', '%s'),
  invalidClient: defineError('BRUG_SEC_OAUTH_INVALID_CLIENT', 'invalid', '%s'),
  invalidGrant: defineError('BRUG_SEC_OAUTH_INVALID_GRANT', 'invalid', '%s'),
  unsupportedGrantType: defineError('BRUG_SEC_OAUTH_UNSUPPORTED_GRANT_TYPE', 'invalid', '%s'),
  invalidScope: defineError('BRUG_SEC_OAUTH_INVALID_SCOPE', 'invalid', '%s'),
};

export const OAUTH_ERROR_CODES: Readonly<Record<string, string>> = {
  [OAuthErrors.invalidRequest.code]: 'invalid_request',
  [OAuthErrors.invalidClient.code]: 'invalid_client',
  [OAuthErrors.invalidGrant.code]: 'invalid_grant',
  [OAuthErrors.unsupportedGrantType.code]: 'unsupported_grant_type',
  [OAuthErrors.invalidScope.code]: 'invalid_scope',
};

/** Refusals of client registration (admin API and CLI); these leave as OperationOutcomes. */
export const RegistrationErrors = {
  clientExists: defineError('BRUG_SEC_CLIENT_EXISTS', 'conflict', 'A client with id %s is already registered'),
  clientIdMismatch: defineError('BRUG_SEC_CLIENT_ID_MISMATCH', 'invalid', 'The body names client %s but the URL names %s'),
};

// https://hl7.org/fhir/smart-app-launch/conformance.html (SMART discovery) and the CapabilityStatement's security
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { ASSERTION_ALGORITHMS } from './client-assertion.ts';
import { CLIENT_CREDENTIALS } from './token-request.ts';

export interface DiscoveryUrls {
  /** The authorization server's identifier, the `iss` of its access tokens. */
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly jwksUri: string;
}

/** The scope forms a backend client may ask for; `scopes_supported` lists the usual ones (SMART v1 and v2). */
const SCOPES_SUPPORTED = ['system/*.cruds', 'system/*.rs', 'system/*.read', 'system/*.write', 'system/*.*'];

/** `.well-known/smart-configuration`: what a backend client needs to find the token endpoint and how to use it. */
export function smartConfiguration(urls: DiscoveryUrls): Record<string, unknown> {
  return {
    issuer: urls.issuer,
    jwks_uri: urls.jwksUri,
    token_endpoint: urls.tokenEndpoint,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...ASSERTION_ALGORITHMS],
    grant_types_supported: [CLIENT_CREDENTIALS],
    scopes_supported: SCOPES_SUPPORTED,
    capabilities: ['client-confidential-asymmetric', 'permission-v1', 'permission-v2'],
  };
}

const SECURITY_SERVICE = 'http://terminology.hl7.org/CodeSystem/restful-security-service';
const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

/** Adds `rest[0].security` to the CapabilityStatement: SMART on FHIR, with the token endpoint (SMART 1 discovery). */
export function describeSecurity(urls: DiscoveryUrls, cors: boolean): (statement: CapabilityStatement) => void {
  return (statement) => {
    const rest = statement.rest?.[0];
    if (!rest) return;
    rest.security = {
      cors,
      service: [{ coding: [{ system: SECURITY_SERVICE, code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }], text: 'SMART Backend Services (client_credentials, private_key_jwt)' }],
      description: `Every request but this CapabilityStatement needs an access token from ${urls.tokenEndpoint} (SMART Backend Services; discovery at .well-known/smart-configuration).`,
      extension: [{ url: OAUTH_URIS, extension: [{ url: 'token', valueUri: urls.tokenEndpoint }] }],
    };
  };
}

// The two systems of the chain, each with its own credentials: a GP system (HIS) and a social-work case system.
// Each gets an access token the SMART Backend Services way, from the server's real token endpoint.
import { Client } from 'fhir-kit-client';
import { demoPrivateKey } from '../../src/security/oauth/demo-clients.ts';
import { discoverTokenEndpoint, requestAccessToken } from '../backend-token.ts';

export interface Actor {
  readonly clientId: string;
  readonly label: string;
  readonly fhir: Client;
}

async function accessToken(clientId: string, tokenUrl: string): Promise<string> {
  const privateJwk = demoPrivateKey(clientId);
  if (!privateJwk) throw new Error(`${clientId} is not a demo client`);
  return requestAccessToken({ clientId, privateJwk, tokenUrl });
}

/** Logs in as each demo client and returns a fhir-kit-client per system. */
export async function actors(base: string): Promise<{ gp: Actor; welfare: Actor }> {
  const tokenUrl = await discoverTokenEndpoint(base);
  const login = async (clientId: string, label: string): Promise<Actor> => ({
    clientId,
    label,
    fhir: new Client({ baseUrl: base, bearerToken: await accessToken(clientId, tokenUrl) }),
  });
  return { gp: await login('demo-huisarts', 'huisarts (HIS)'), welfare: await login('demo-welzijn', 'welzijn (casussysteem)') };
}

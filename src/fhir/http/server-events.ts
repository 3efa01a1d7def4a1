// Requests Node answers itself, before Fastify sees them (RFC 9110 §10.1.1 Expect, §9.3.6 CONNECT): answered here as
// OperationOutcomes, like every other refusal, instead of an empty 417 or a silently closed socket.
import type { Server } from 'node:http';
import { FhirErrors } from '../errors.ts';
import { writeOutcome } from './client-errors.ts';

/** The methods the FHIR API answers, for the Allow header a 405 must carry. */
const ALLOW = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

export function answerUnroutedRequests(server: Server, headers: Readonly<Record<string, string>>): void {
  // Node emits this for any Expect other than 100-continue, which it keeps answering itself.
  server.on('checkExpectation', (request, response) => {
    const expectation = String(request.headers.expect ?? '').slice(0, 100);
    writeOutcome(response.socket!, FhirErrors.expectationFailed([expectation]), headers);
    response.socket?.destroySoon();
  });
  server.on('connect', (_request, socket) => {
    writeOutcome(socket, FhirErrors.connectNotAllowed([], { headers: { Allow: ALLOW } }), headers);
    socket.end();
  });
}

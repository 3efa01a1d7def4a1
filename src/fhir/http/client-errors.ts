// Errors Node's HTTP parser meets before Fastify sees a request (RFC 9110 §15.5, RFC 6585 §5), as OperationOutcomes
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BrugError } from '../../errors.ts';
import { FhirErrors } from '../errors.ts';
import { outcomeForError } from '../outcome.ts';
import { FHIR_JSON } from '../response.ts';

export interface ClientErrorOptions {
  /** How the header limit is named in the refusal: `MAX_HEADER_BYTES=16384`. */
  readonly headerLimit: string;
  /** Headers every response carries (security headers): hooks do not run for these answers. */
  readonly headers: Readonly<Record<string, string>>;
}

function errorFor(code: string | undefined, options: ClientErrorOptions): BrugError {
  if (code === 'HPE_HEADER_OVERFLOW') return FhirErrors.headersTooLarge([options.headerLimit]);
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return FhirErrors.requestTimeout();
  return FhirErrors.malformedHttp();
}

interface ResponseInProgress {
  _httpMessage?: { headersSent?: boolean } | null;
}

/** Writes an error as a whole HTTP response straight to a socket that no request object owns, to be closed after. */
export function writeOutcome(socket: Duplex, error: BrugError, headers: Readonly<Record<string, string>>): void {
  if (!socket.writable) return;
  const { status, outcome } = outcomeForError(error);
  const body = JSON.stringify(outcome);
  const all = { ...headers, ...error.headers, 'Content-Type': FHIR_JSON, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
  const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines}\r\n${body}`);
}

/**
 * Fastify's `clientErrorHandler`: Node found the request unreadable (headers over the limit, not HTTP, too slow), so
 * there is no request object and no route; the answer is written to the socket directly, and the socket is closed.
 * Fastify's own answer would be JSON without a resourceType.
 */
export function fhirClientErrorHandler(options: ClientErrorOptions): (err: NodeJS.ErrnoException, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    // As Node does: once a response on this socket has started, another one cannot be written into it.
    const inProgress = (socket as Socket & ResponseInProgress)._httpMessage;
    if (!inProgress?.headersSent) writeOutcome(socket, errorFor(err.code, options), options.headers);
    socket.destroy(err);
  };
}

/**
 * An `onRequest` hook refusing a request target longer than `maxUrlBytes` with 414, before routing and before
 * anything parses the query: Node's own bound covers the request line and headers together, and is larger.
 */
export function urlLengthLimit(maxUrlBytes: number, label: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request) => {
    const length = Buffer.byteLength(request.raw.url ?? '');
    if (length > maxUrlBytes) throw FhirErrors.urlTooLong([length, maxUrlBytes, label]);
  };
}

/**
 * What Node's HTTP server would answer itself, or not at all, before Fastify sees a request: an unknown Expect, a
 * CONNECT, a client too slow to send its headers or its body. Each gets an OperationOutcome on a real socket
 * (`inject` does not pass Node's parser), and the timeouts are set short so that waiting for them stays cheap.
 */
import { connect } from 'node:net';
import { describeEachStore } from '../support/app.ts';

interface RawReply {
  status: number;
  headers: string;
  body: string;
  /** Everything received, for a reply that holds more than one response (100 Continue). */
  raw: string;
}

/** Writes `text` to a fresh connection, keeps it open, and resolves with whatever arrives until the server closes it. */
function rawExchange(port: number, text: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ raw: received, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body });
    });
  });
}

function outcomeOf(reply: RawReply): { code: string; diagnostics: string } {
  expect(reply.headers).toMatch(/content-type: application\/fhir\+json/i);
  const body = JSON.parse(reply.body) as { resourceType: string; issue: { code: string; diagnostics: string }[] };
  expect(body.resourceType).toBe('OperationOutcome');
  return body.issue[0]!;
}

describeEachStore(
  'HTTP edges Node answers before routing',
  (t) => {
    const port = () => Number(new URL(t().baseUrl).port);

    it('an Expect other than 100-continue is 417 with an OperationOutcome; 100-continue still works', async () => {
      const reply = await rawExchange(port(), 'GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: 999-junk\r\n\r\n');
      expect(reply.status).toBe(417);
      expect(outcomeOf(reply).diagnostics).toMatch(/"999-junk".*100-continue/);
      expect(reply.headers).toMatch(/x-content-type-options: nosniff/i);
      const body = JSON.stringify({ resourceType: 'Patient', active: true });
      const head = `POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`;
      const continued = await rawExchange(port(), head + body);
      expect(continued.status).toBe(100);
      expect(continued.raw).toMatch(/\r\n\r\nHTTP\/1\.1 201 Created\r\n/);
    });

    it('CONNECT is 405 with an Allow header and an OperationOutcome, and the socket is closed', async () => {
      const reply = await rawExchange(port(), 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n');
      expect(reply.status).toBe(405);
      expect(reply.headers).toMatch(/allow: GET, HEAD, POST/i);
      expect(outcomeOf(reply).diagnostics).toMatch(/CONNECT is not allowed/);
    });

    it('headers not complete within HEADERS_TIMEOUT_MS are 408 with an OperationOutcome', async () => {
      const reply = await rawExchange(port(), 'GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      expect(reply.status).toBe(408);
      expect(outcomeOf(reply)).toMatchObject({ code: 'timeout', diagnostics: 'The request was not received in time' });
    });

    it('a body shorter than its Content-Length is 408 with an OperationOutcome once REQUEST_TIMEOUT_MS passes', async () => {
      const reply = await rawExchange(port(), 'POST /fhir/Patient HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nContent-Length: 100\r\n\r\n{"resourceType"');
      expect(reply.status).toBe(408);
      expect(outcomeOf(reply).code).toBe('timeout');
      // The server goes on answering.
      expect((await fetch(`http://127.0.0.1:${port()}/healthz`)).status).toBe(200);
    });
  },
  { listen: true, env: { REQUIRE_PROFILES: 'false', REQUEST_TIMEOUT_MS: '1500', HEADERS_TIMEOUT_MS: '700' } },
);

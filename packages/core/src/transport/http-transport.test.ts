import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, APIConnectionError, TimeoutError } from '../errors/error-classes.js';
import { createHttpTransport, type HttpTransport } from './http-transport.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let origin: string;
let handler: Handler = (_request, response) => response.end('ok');
const sockets = new Set<Socket>();
let closedResponses = 0;
let transport: HttpTransport;

beforeAll(async () => {
  server = createServer((request, response) => {
    response.on('close', () => {
      if (!response.writableFinished) closedResponses += 1;
    });
    handler(request, response);
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(async () => {
  await transport?.close();
  handler = (_request, response) => response.end('ok');
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('createHttpTransport', () => {
  it('reuses keep-alive connections for sequential requests', async () => {
    transport = createHttpTransport();
    const before = sockets.size;
    for (let i = 0; i < 10; i += 1) {
      const response = await transport.request({ url: `${origin}/x`, method: 'POST', body: '{}' });
      expect(await response.text()).toBe('ok');
    }
    // undici hands a finished socket back to its pool a tick after the body ends, so a request
    // sent at once may open a second socket; after that the two are reused, never one per request.
    expect(sockets.size - before).toBeLessThanOrEqual(2);
  });

  it('serves requests sent at once before its pool exists, and refuses them once closed', async () => {
    transport = createHttpTransport();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => transport!.request({ url: `${origin}/x`, method: 'POST', body: '{}' })),
    );
    for (const answer of answers) expect(await answer.text()).toBe('ok');
    const unused = createHttpTransport();
    await unused.close();
    await expect(unused.request({ url: `${origin}/x` })).rejects.toMatchObject({ code: 'transport_closed' });
  });

  it('returns status, lower-cased headers and the body', async () => {
    handler = (_request, response) => {
      response.writeHead(418, { 'X-Thing': 'yes' });
      response.end('teapot');
    };
    transport = createHttpTransport();
    const response = await transport.request({ url: `${origin}/`, method: 'GET' });
    expect(response.status).toBe(418);
    expect(response.headers['x-thing']).toBe('yes');
    expect(await response.text()).toBe('teapot');
  });

  it('turns a deadline passing before the headers into a TimeoutError and frees the upstream', async () => {
    handler = () => {};
    transport = createHttpTransport();
    const closedBefore = closedResponses;
    await expect(transport.request({ url: `${origin}/hang`, timeoutMs: 50 })).rejects.toThrow(TimeoutError);
    await until(() => closedResponses > closedBefore, 'the server to see the abort');
  });

  it('applies the deadline to the body too (a whole stream)', async () => {
    handler = (_request, response) => response.write('first');
    transport = createHttpTransport();
    const response = await transport.request({ url: `${origin}/slow`, timeoutMs: 100 });
    const read = async () => {
      for await (const _chunk of response.body) {
        // keep reading until the deadline cuts the body
      }
    };
    await expect(read()).rejects.toThrow(TimeoutError);
  });

  it('reports a caller abort as AbortedError, not a timeout', async () => {
    handler = (_request, response) => response.write('first');
    transport = createHttpTransport();
    const controller = new AbortController();
    const response = await transport.request({
      url: `${origin}/stream`,
      signal: controller.signal,
      timeoutMs: 10_000,
    });
    const iterator = response.body[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await expect(iterator.next()).rejects.toThrow(AbortedError);
  });

  it('closes the upstream response when the reader stops early', async () => {
    handler = (_request, response) => response.write('a'.repeat(1000));
    transport = createHttpTransport();
    const closedBefore = closedResponses;
    const response = await transport.request({ url: `${origin}/long` });
    for await (const _chunk of response.body) break;
    await until(() => closedResponses > closedBefore, 'the server to see the reader leave');
  });

  it('maps a refused connection to APIConnectionError naming only the origin', async () => {
    transport = createHttpTransport();
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const error = await transport
      .request({ url: `http://127.0.0.1:${port}/v1/x?key=secret-in-query` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain('secret-in-query');
  });

  it('refuses a body over the size limit', async () => {
    handler = (_request, response) => response.end('x'.repeat(2048));
    transport = createHttpTransport();
    const response = await transport.request({ url: `${origin}/big` });
    await expect(response.text(1024)).rejects.toThrow(/larger than 1024 bytes/);
  });
});

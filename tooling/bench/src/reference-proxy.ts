import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { Pool } from 'undici';

// The floor any gateway must pay: node:http in, an undici keep-alive pool out (Nagle off, no cap on
// connections so streams never queue), the JSON body parsed and serialised again, the answer piped
// back as it arrives. Usage: node reference-proxy.js <upstream origin> [port]

const upstream = process.argv[2];
if (!upstream) {
  process.stderr.write('usage: reference-proxy <upstream origin> [port]\n');
  process.exit(2);
}
const pool = new Pool(upstream, { connect: { noDelay: true }, keepAliveTimeout: 60_000, pipelining: 1 });
const invalid = JSON.stringify({
  error: { message: 'Invalid JSON body', type: 'invalid_request_error', param: null, code: null },
});

const server = createServer({ noDelay: true, keepAliveTimeout: 65_000 }, (request, response) => {
  const parts: Buffer[] = [];
  request.on('data', (part: Buffer) => parts.push(part));
  request.on('end', () => {
    let body: string;
    try {
      body = JSON.stringify(JSON.parse(Buffer.concat(parts).toString('utf8')));
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' }).end(invalid);
      return;
    }
    pool
      .request({
        path: request.url ?? '/',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
        body,
      })
      .then(
        (answer) => {
          const type = answer.headers['content-type'];
          response.writeHead(answer.statusCode, typeof type === 'string' ? { 'content-type': type } : {});
          pipeline(answer.body, response, () => {});
        },
        () =>
          response
            .writeHead(502, { 'content-type': 'application/json' })
            .end('{"error":{"message":"upstream failed"}}'),
      );
  });
});

server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  process.stdout.write(
    `reference proxy listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`,
  );
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

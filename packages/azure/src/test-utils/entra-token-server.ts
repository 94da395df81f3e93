import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenRequest {
  path: string;
  contentType: string | undefined;
  form: Record<string, string>;
}

export interface TokenReply {
  status: number;
  body: unknown;
}

export interface EntraTokenServer {
  /** Authority host to point the provider at, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly requests: TokenRequest[];
  /** What the next token requests get; by default a token valid for an hour. */
  reply: (request: TokenRequest) => TokenReply;
  close(): Promise<void>;
}

/** A local stand-in for login.microsoftonline.com's token endpoint, over real HTTP. */
export async function startEntraTokenServer(token: string): Promise<EntraTokenServer> {
  const requests: TokenRequest[] = [];
  const state: Pick<EntraTokenServer, 'reply'> = {
    reply: () => ({
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
    }),
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => {
      text += part;
    });
    request.on('end', () => {
      const recorded: TokenRequest = {
        path: request.url ?? '',
        contentType: request.headers['content-type'],
        form: Object.fromEntries(new URLSearchParams(text)),
      };
      requests.push(recorded);
      const reply = state.reply(recorded);
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get reply() {
      return state.reply;
    },
    set reply(next) {
      state.reply = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** What @hono/node-server passes as `c.env`: the Node request and response. */
interface NodeBindings {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
}

interface NodeRequestState extends NodeBindings {
  /** Whether the body may be read straight from `incoming` (its size was checked). */
  bodyClaimed: boolean;
  text?: Promise<string>;
  controller?: AbortController;
}

/**
 * Per request (keyed by Hono's `c.req.raw`, which @hono/node-server makes a lazy object): the Node
 * request behind it. Reading the body or the abort signal through `c.req.raw` makes the adapter
 * build a whole Web `Request` with a `ReadableStream` over the socket; reading the body from the
 * Node stream and building the signal from the response's `close` does the same work for a
 * fraction of the CPU (about a tenth of the proxy's per-request CPU in the profile).
 */
const states = new WeakMap<Request, NodeRequestState>();

function nodeBindings(c: Context): NodeBindings | undefined {
  const env = c.env as Partial<NodeBindings> | undefined;
  if (!env || typeof env !== 'object' || !env.incoming || !env.outgoing) return undefined;
  if (typeof env.incoming.on !== 'function' || typeof env.outgoing.once !== 'function') return undefined;
  return { incoming: env.incoming, outgoing: env.outgoing };
}

function stateOf(c: Context): NodeRequestState | undefined {
  let state = states.get(c.req.raw);
  if (state) return state;
  const node = nodeBindings(c);
  if (!node) return undefined;
  state = { ...node, bodyClaimed: false };
  states.set(c.req.raw, state);
  return state;
}

/**
 * Lets {@link requestText} read the body straight from the Node request (served by
 * @hono/node-server, and the body limit already checked from its `content-length`). Returns false
 * when the app is not served by Node, so the caller falls back to Hono's own reading.
 */
export function claimNodeBody(c: Context): boolean {
  const state = stateOf(c);
  if (!state) return false;
  state.bodyClaimed = true;
  return true;
}

/** Whether the app is being served by @hono/node-server (so `claimNodeBody` can work). */
export function servedByNode(c: Context): boolean {
  return nodeBindings(c) !== undefined;
}

/** The request body as text, read once; from the Node stream when claimed, else `c.req.text()`. */
export function requestText(c: Context): Promise<string> {
  const state = states.get(c.req.raw);
  if (!state?.bodyClaimed) return c.req.text();
  state.text ??= readAll(state.incoming);
  return state.text;
}

function readAll(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const onData = (part: Buffer) => parts.push(part);
    const onEnd = () => {
      cleanup();
      resolve(parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      if (incoming.complete) return;
      cleanup();
      reject(new Error('The client closed the connection before sending the whole body.'));
    };
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    if (incoming.readableEnded) {
      resolve('');
      return;
    }
    incoming.on('data', onData);
    incoming.once('end', onEnd);
    incoming.once('error', onError);
    incoming.once('close', onClose);
  });
}

/**
 * Aborted when the client goes away before the answer is complete (what @hono/node-server does for
 * `c.req.raw.signal`, without building the Web request); `c.req.raw.signal` elsewhere.
 */
export function requestSignal(c: Context): AbortSignal {
  const state = stateOf(c);
  if (!state) return c.req.raw.signal;
  if (!state.controller) {
    const controller = new AbortController();
    const { incoming, outgoing } = state;
    outgoing.once('close', () => {
      if (incoming.errored) controller.abort(incoming.errored.toString());
      else if (!outgoing.writableFinished) controller.abort('Client connection prematurely closed.');
    });
    state.controller = controller;
  }
  return state.controller.signal;
}

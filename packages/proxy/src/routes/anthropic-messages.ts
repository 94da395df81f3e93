import { randomBytes } from 'node:crypto';
import { parseRequest } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import {
  anthropicCountTokensRequestSchema,
  anthropicMessagesRequestSchema,
} from '../anthropic/anthropic-messages-request.js';
import { createAnthropicEventTranslator } from '../anthropic/chat-stream-to-anthropic-events.js';
import { convertAnthropicRequest } from '../anthropic/convert-anthropic-request.js';
import { convertChatResponse } from '../anthropic/convert-chat-response.js';
import { estimateInputTokens } from '../anthropic/estimate-input-tokens.js';
import { anthropicSseResponse } from '../http/anthropic-sse-response.js';
import { callOptionsFor } from '../http/call-options.js';
import { passthroughResponse } from '../http/passthrough-response.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** Paths of the Anthropic Messages API; the app renders their errors in Anthropic's shape. */
export const anthropicMessagesPaths = ['/v1/messages', '/messages'] as const;

const newId = () => randomBytes(12).toString('base64url');

/**
 * POST /v1/messages (and /messages): Anthropic's Messages API over every provider, translated
 * through the canonical chat request and answered as an Anthropic message or event stream (passed
 * through unchanged when the model's provider speaks Anthropic's API itself); and
 * POST /v1/messages/count_tokens, an estimate of the input tokens.
 */
export function anthropicMessagesRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const options = callOptionsFor(c, body, services);
    const request = parseRequest(anthropicMessagesRequestSchema, body);
    // Anthropic upstream: the body and the answer's bytes pass through, no lossy round trip.
    const beta = c.req.header('anthropic-beta');
    const passed = await services.gateway.passthrough(
      'anthropic-messages',
      // The client's own body (validated above; the parsed copy normalises content blocks).
      { body, stream: request.stream === true, ...(beta ? { headers: { 'anthropic-beta': beta } } : {}) },
      options,
    );
    if (passed) return passthroughResponse(passed);
    const chatRequest = convertAnthropicRequest(request);
    const context = {
      model: request.model,
      newId,
      ...(request.stop_sequences ? { stopSequences: request.stop_sequences } : {}),
    };
    if (chatRequest.stream === true) {
      const stream = await services.gateway.completion({ ...chatRequest, stream: true }, options);
      return anthropicSseResponse(stream, createAnthropicEventTranslator(context), {
        requestId: c.get('requestId'),
        onError: (error) => services.logger.warn('stream ended with an error', { error: describe(error) }),
      });
    }
    const response = await services.gateway.completion({ ...chatRequest, stream: false }, options);
    return c.json(convertChatResponse(response, context), 200);
  };
  // An estimate (about four characters per token, images at a flat rate): no provider is asked.
  const countTokens = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const request = parseRequest(anthropicCountTokensRequestSchema, body);
    services.gateway.resolve(request.model); // an unknown model is a 404, as on /v1/messages
    return c.json({ input_tokens: estimateInputTokens(request) }, 200);
  };
  for (const path of anthropicMessagesPaths) {
    app.post(path, handler);
    app.post(`${path}/count_tokens`, countTokens);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

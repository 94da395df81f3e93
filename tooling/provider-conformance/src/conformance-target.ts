import type { Provider, ProviderCallOptions } from '@switchyard/core';

/** How the conformance suite reaches one provider through the mock upstream. */
export interface ConformanceTarget {
  /** Provider id. */
  name: string;
  /** The provider pointed at the mock (origin like `http://127.0.0.1:PORT`). */
  createProvider(mockOrigin: string): Provider;
  /** Per-call options (model, credentials, params) for the mock. */
  callOptions(mockOrigin: string): ProviderCallOptions;
  /** Keys the mock requires. */
  mockApiKeys: string[];
  /** Model id for the embedding scenario, when the provider has embeddings. */
  embeddingModel?: string;
  /**
   * Explicit, reasoned skips: what the provider's API cannot report or do, with the reason
   * (e.g. `reasoningTokens: 'Cohere counts thinking inside output_tokens and reports no split'`).
   */
  unsupported?: Partial<Record<ConformanceFeature, string>>;
}

export type ConformanceFeature = 'reasoningTokens' | 'cachedTokens';

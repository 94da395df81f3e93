import type { MockProvider } from '../core/provider.js';
import { anthropicProvider } from './anthropic/anthropic-provider.js';
import { azureProvider } from './azure/azure-provider.js';
import { bedrockProvider } from './bedrock/bedrock-provider.js';
import { cohereProvider } from './cohere/cohere-provider.js';
import { geminiProviders } from './gemini/gemini-provider.js';
import { jinaProvider } from './jina/jina-provider.js';
import { mistralProvider } from './mistral/mistral-provider.js';
import { openAIProvider } from './openai/openai-provider.js';
import { togetherProvider } from './together/together-provider.js';
import { vllmProvider } from './vllm/vllm-provider.js';
import { voyageProvider } from './voyage/voyage-provider.js';

/** Providers a mock upstream serves, tried in order. Add new providers' modules here. */
export const builtInProviders: readonly MockProvider[] = [
  mistralProvider,
  togetherProvider,
  jinaProvider,
  voyageProvider,
  vllmProvider,
  openAIProvider,
  azureProvider,
  cohereProvider,
  anthropicProvider,
  ...geminiProviders,
  bedrockProvider,
];

/** Answers requests no provider route matches. */
export const fallbackProvider: MockProvider = openAIProvider;

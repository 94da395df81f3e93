export { type AnthropicSettings, anthropic, createAnthropic } from '@switchyard/anthropic';
export { type AzureSettings, azure, createAzure } from '@switchyard/azure';
export { type BedrockSettings, bedrock, createBedrock } from '@switchyard/bedrock';
export {
  type CacheBackend,
  type CacheSettings,
  createCache,
  createRedisClient,
  createResponseCache,
  MemoryBackend,
  RedisBackend,
  type SwitchyardCache,
} from '@switchyard/cache';
export { type CohereSettings, cohere, cohereChat, createCohere } from '@switchyard/cohere';
export * from '@switchyard/core';
export {
  createGemini,
  createVertex,
  type GeminiSettings,
  gemini,
  type VertexSettings,
  vertex,
} from '@switchyard/gemini';
export { createMistral, type MistralSettings, mistral } from '@switchyard/mistral';
export { createMock, type MockSettings, mock } from '@switchyard/mock';
export { createOpenAI, createOpenAICompatible, type OpenAISettings, openai } from '@switchyard/openai';
export {
  closeRouterRedis,
  createMemoryRouterState,
  createRedisRouterState,
  createRouter,
  createRouterRedis,
  NoDeploymentsAvailableError,
  type RouterDeps,
  type RouterSettings,
  type RouterState,
} from '@switchyard/router';
export { createCompatibleProviders } from './compatible-providers.js';
export { createDefaultProviders } from './default-providers.js';
export {
  type BatteriesSwitchyardOptions,
  cancelResponse,
  closeDefaultGateway,
  completion,
  createSwitchyard,
  deleteResponse,
  embedding,
  getResponse,
  imageGeneration,
  moderation,
  rerank,
  responseInputItems,
  responses,
  speech,
  textCompletion,
  transcription,
} from './switchyard.js';

export { type AzureSettings, azure, createAzure } from '@switchyard/azure';
export { type CohereSettings, cohere, cohereChat, createCohere } from '@switchyard/cohere';
export * from '@switchyard/core';
export { createMistral, type MistralSettings, mistral } from '@switchyard/mistral';
export { createMock, type MockSettings, mock } from '@switchyard/mock';
export { createOpenAI, createOpenAICompatible, type OpenAISettings, openai } from '@switchyard/openai';
export { createDefaultProviders } from './default-providers.js';
export {
  type BatteriesSwitchyardOptions,
  closeDefaultGateway,
  completion,
  createSwitchyard,
  embedding,
} from './switchyard.js';

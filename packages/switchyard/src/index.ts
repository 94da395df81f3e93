export * from '@switchyard/core';
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

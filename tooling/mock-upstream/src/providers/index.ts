import type { MockProvider } from '../core/provider.js';
import { openAIProvider } from './openai/openai-provider.js';

/** Providers a mock upstream serves, tried in order. Add new providers' modules here. */
export const builtInProviders: readonly MockProvider[] = [openAIProvider];

/** Answers requests no provider route matches. */
export const fallbackProvider: MockProvider = openAIProvider;

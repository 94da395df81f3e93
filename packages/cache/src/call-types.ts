import type { CacheCallType } from '@switchyard/core';

/**
 * litellm's `supported_call_types` names and what each is in Switchyard; null for call types
 * litellm caches and Switchyard does not (yet): they are accepted and not cached.
 */
export const litellmCallTypes: Readonly<Record<string, CacheCallType | null>> = {
  completion: 'completion',
  acompletion: 'completion',
  text_completion: 'text_completion',
  atext_completion: 'text_completion',
  embedding: 'embedding',
  aembedding: 'embedding',
  transcription: null,
  atranscription: null,
  rerank: null,
  arerank: null,
  responses: null,
  aresponses: null,
};

/** Every call type Switchyard caches (litellm's default: all of them). */
export const allCallTypes: ReadonlyArray<CacheCallType> = ['completion', 'text_completion', 'embedding'];

import { z } from 'zod';
import type { usageSchema } from './usage.js';

// The legacy completions API (`POST /v1/completions`, CreateCompletionRequest in the OpenAPI spec).

export const textCompletionRequestSchema = z.looseObject({
  model: z.string().min(1),
  prompt: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.int()).min(1),
    z.array(z.array(z.int()).min(1)).min(1),
  ]),
  suffix: z.string().nullish(),
  max_tokens: z.int().min(0).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.int().min(1).max(128).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  logprobs: z.int().min(0).max(5).nullish(),
  echo: z.boolean().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  best_of: z.int().min(0).max(20).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  user: z.string().optional(),
  seed: z.int().nullish(),
});

export type TextCompletionRequest = z.infer<typeof textCompletionRequestSchema>;

export interface TextCompletionChoice {
  text: string;
  index: number;
  logprobs: null;
  finish_reason: string | null;
}

/** Both the response and each stream chunk (the legacy API uses one shape for both). */
export interface TextCompletion {
  id: string;
  object: 'text_completion';
  created: number;
  model: string;
  choices: TextCompletionChoice[];
  usage?: z.infer<typeof usageSchema> | null;
  system_fingerprint?: string | null;
}

import { z } from 'zod';
import { usageSchema } from './usage.js';

// Responses and chunks come from upstreams, so they are read leniently (nullish everywhere);
// the schemas document the shape and let callers validate what they read.

const responseToolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

export const finishReasonSchema = z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

export const chatResponseMessageSchema = z.looseObject({
  role: z.literal('assistant'),
  content: z.string().nullable(),
  refusal: z.string().nullish(),
  tool_calls: z.array(responseToolCall).nullish(),
  /** Reasoning text where the provider exposes it (not part of OpenAI's API). */
  reasoning_content: z.string().nullish(),
  thinking_blocks: z.array(z.looseObject({ type: z.string() })).nullish(),
});

export const chatResponseSchema = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number(),
      message: chatResponseMessageSchema,
      finish_reason: z.string().nullable(),
      logprobs: z.unknown().nullish(),
    }),
  ),
  usage: usageSchema.nullish(),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
});

export const chatChunkDeltaSchema = z.looseObject({
  role: z.literal('assistant').nullish(),
  content: z.string().nullish(),
  refusal: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  tool_calls: z
    .array(
      z.looseObject({
        index: z.number(),
        id: z.string().nullish(),
        type: z.literal('function').nullish(),
        function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
});

export const chatChunkSchema = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.looseObject({
      index: z.number(),
      delta: chatChunkDeltaSchema,
      finish_reason: z.string().nullish(),
      logprobs: z.unknown().nullish(),
    }),
  ),
  usage: usageSchema.nullish(),
  system_fingerprint: z.string().nullish(),
  service_tier: z.string().nullish(),
});

export type ChatResponse = z.infer<typeof chatResponseSchema>;
export type ChatResponseMessage = z.infer<typeof chatResponseMessageSchema>;
export type ChatChunk = z.infer<typeof chatChunkSchema>;
export type ChatChunkDelta = z.infer<typeof chatChunkDeltaSchema>;
export type FinishReason = z.infer<typeof finishReasonSchema>;

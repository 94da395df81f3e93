import { z } from 'zod';

// The body of Anthropic's `POST /v1/messages` (https://docs.claude.com/en/api/messages), as a
// client sends it to the proxy. Known fields are checked strictly so a mistake is a 400 naming the
// field; unknown fields (and unknown keys inside blocks, such as `citations`) are accepted.

const cacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.string().optional() }).optional();

/**
 * Content given as a string or as blocks; a string reads as one text block, so a mistake in a
 * block is reported at its own path (`messages[0].content[1].source.media_type`) rather than as a
 * mismatch of the whole union.
 */
function stringOrBlocks<T extends z.ZodType>(block: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? [{ type: 'text', text: value }] : value),
    z.array(block),
  );
}

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl });

const imageSource = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('base64'),
    media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
    data: z.string().min(1),
  }),
  z.looseObject({ type: z.literal('url'), url: z.url() }),
]);
const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: imageSource,
  cache_control: cacheControl,
});

const documentSource = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('base64'),
    media_type: z.literal('application/pdf'),
    data: z.string().min(1),
  }),
  z.looseObject({ type: z.literal('text'), media_type: z.literal('text/plain'), data: z.string() }),
]);
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: documentSource,
  title: z.string().nullish(),
  cache_control: cacheControl,
});

const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: stringOrBlocks(z.discriminatedUnion('type', [textBlock, imageBlock])).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});

const thinkingBlock = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

const contentBlock = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedThinkingBlock,
]);

const message = z.looseObject({
  role: z.enum(['user', 'assistant']),
  content: stringOrBlocks(contentBlock),
});

const tool = z.looseObject({
  name: z.string().min(1).max(128),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  type: z.literal('custom').optional(),
  cache_control: cacheControl,
});

const toolChoice = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.looseObject({
    type: z.literal('tool'),
    name: z.string().min(1),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
  z.looseObject({ type: z.literal('none') }),
]);

const thinking = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('enabled'), budget_tokens: z.int().min(1024) }),
  z.looseObject({ type: z.literal('disabled') }),
  z.looseObject({ type: z.literal('adaptive') }),
]);

export const anthropicMessagesRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.int().min(1),
  messages: z.array(message).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().min(0).optional(),
  stop_sequences: z.array(z.string()).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  thinking: thinking.optional(),
});

export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequestSchema>;
export type AnthropicInputMessage = AnthropicMessagesRequest['messages'][number];
export type AnthropicInputBlock = z.infer<typeof contentBlock>;
export type AnthropicTextInputBlock = z.infer<typeof textBlock>;
export type AnthropicImageInputBlock = z.infer<typeof imageBlock>;
export type AnthropicToolResultInputBlock = z.infer<typeof toolResultBlock>;
export type AnthropicInputTool = NonNullable<AnthropicMessagesRequest['tools']>[number];
export type AnthropicInputToolChoice = NonNullable<AnthropicMessagesRequest['tool_choice']>;
export type AnthropicThinkingInput = NonNullable<AnthropicMessagesRequest['thinking']>;

/** The body of `POST /v1/messages/count_tokens`: a messages request without `max_tokens`. */
export const anthropicCountTokensRequestSchema = anthropicMessagesRequestSchema.extend({
  max_tokens: z.int().min(1).optional(),
});

export type AnthropicCountTokensRequest = z.infer<typeof anthropicCountTokensRequestSchema>;

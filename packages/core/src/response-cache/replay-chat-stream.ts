import type { ChatChunk, ChatChunkDelta, ChatResponse } from '../schemas/chat-response.js';

// Message fields sent in chunks of their own; every other message field rides on the first chunk.
const ownChunks = new Set([
  'role',
  'content',
  'refusal',
  'reasoning_content',
  'thinking_blocks',
  'tool_calls',
]);

function chunkOf(
  response: ChatResponse,
  choices: ChatChunk['choices'],
  usage?: ChatResponse['usage'],
): ChatChunk {
  const chunk: ChatChunk = {
    id: response.id,
    object: 'chat.completion.chunk',
    created: response.created,
    model: response.model,
    choices,
  };
  if (response.system_fingerprint) chunk.system_fingerprint = response.system_fingerprint;
  if (response.service_tier) chunk.service_tier = response.service_tier;
  if (usage) chunk.usage = usage;
  return chunk;
}

function deltasOf(choice: ChatResponse['choices'][number]): ChatChunkDelta[] {
  const { message } = choice;
  const extra = Object.fromEntries(Object.entries(message).filter(([key]) => !ownChunks.has(key)));
  // Providers open a text answer with an empty content delta, a tool-call-only answer with null.
  const deltas: ChatChunkDelta[] = [
    { ...extra, role: 'assistant', content: message.content === null ? null : '' },
  ];
  if (message.reasoning_content) deltas.push({ reasoning_content: message.reasoning_content });
  if (message.thinking_blocks?.length) deltas.push({ thinking_blocks: message.thinking_blocks });
  if (message.content) deltas.push({ content: message.content });
  if (message.refusal) deltas.push({ refusal: message.refusal });
  message.tool_calls?.forEach((call, index) => {
    deltas.push({
      tool_calls: [
        {
          index,
          id: call.id,
          type: 'function',
          function: { name: call.function.name, arguments: call.function.arguments },
        },
      ],
    });
  });
  return deltas;
}

/**
 * A stored answer replayed as a stream, as a provider would send it: per choice a role chunk, its
 * reasoning, text, refusal and tool calls, then a chunk with the finish reason; finally the usage
 * chunk (`choices: []`) when the caller asked for it (`stream_options.include_usage`).
 */
export async function* replayChatStream(
  response: ChatResponse,
  includeUsage: boolean,
): AsyncGenerator<ChatChunk> {
  for (const choice of response.choices) {
    const deltas = deltasOf(choice);
    for (const [position, delta] of deltas.entries()) {
      const logprobs =
        position === deltas.length - 1 && choice.logprobs != null ? choice.logprobs : undefined;
      yield chunkOf(response, [
        { index: choice.index, delta, finish_reason: null, ...(logprobs ? { logprobs } : {}) },
      ]);
    }
    yield chunkOf(response, [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason }]);
  }
  if (includeUsage && response.usage) yield chunkOf(response, [], response.usage);
}

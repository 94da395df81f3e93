import { splitIntoWordChunks } from '../openai/build-openai-chat-chunks.js';
import {
  type MistralContentChunk,
  type MistralToolCall,
  thinkingChunk,
  toMistralToolCall,
} from './build-mistral-chat-completion.js';
import type { MistralChatPlan, MistralChoicePlan, MistralUsage } from './plan-mistral-chat-completion.js';

export interface MistralChunkDelta {
  role?: 'assistant';
  content?: string | MistralContentChunk[];
  tool_calls?: MistralToolCall[];
}

/** A `chat.completion.chunk` object, shaped as Mistral streams it. */
export interface MistralChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{ index: number; delta: MistralChunkDelta; finish_reason: string | null }>;
  usage?: MistralUsage;
}

/**
 * The chunks of a streamed completion, in Mistral's order, per choice: a role chunk with empty
 * content, thinking as `thinking` content chunks, one chunk per word, each tool call whole in one
 * delta (Mistral does not split arguments), the finish reason on the last delta. Usage always comes
 * on the last chunk (Mistral has no `stream_options`); the `[DONE]` sentinel is not a chunk.
 */
export function buildMistralChatChunks(plan: MistralChatPlan): MistralChatCompletionChunk[] {
  const chunks = plan.choices.flatMap((choice) =>
    choiceDeltas(choice).map(
      (delta, position, deltas): MistralChatCompletionChunk => ({
        id: plan.id,
        object: 'chat.completion.chunk',
        created: plan.created,
        model: plan.model,
        choices: [
          {
            index: choice.index,
            delta,
            finish_reason: position === deltas.length - 1 ? choice.finishReason : null,
          },
        ],
      }),
    ),
  );
  const last = chunks.at(-1);
  if (last) last.usage = plan.usage;
  return chunks;
}

function choiceDeltas(choice: MistralChoicePlan): MistralChunkDelta[] {
  const deltas: MistralChunkDelta[] = [
    { role: 'assistant', content: '' },
    ...splitIntoWordChunks(choice.reasoning ?? '').map((word) => ({ content: [thinkingChunk(word)] })),
    ...splitIntoWordChunks(choice.content ?? '').map((content) => ({ content })),
    ...choice.toolCalls.map((call, index) => ({ tool_calls: [toMistralToolCall(call, index)] })),
  ];
  if (deltas.length === 1) deltas.push({ content: '' });
  return deltas;
}

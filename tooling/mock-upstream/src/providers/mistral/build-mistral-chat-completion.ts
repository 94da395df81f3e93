import type {
  MistralChatPlan,
  MistralChoicePlan,
  MistralToolCallPlan,
  MistralUsage,
} from './plan-mistral-chat-completion.js';

/** A tool call as Mistral returns it: no `type`, an `index`, arguments as a JSON string. */
export interface MistralToolCall {
  id: string;
  function: { name: string; arguments: string };
  index: number;
}

/** Content chunks of a thinking model's answer. */
export type MistralContentChunk =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: Array<{ type: 'text'; text: string }> };

/** A `chat.completion` object, shaped (and ordered) as Mistral's API returns it. */
export interface MistralChatCompletion {
  id: string;
  object: 'chat.completion';
  model: string;
  usage: MistralUsage;
  created: number;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      tool_calls: MistralToolCall[] | null;
      content: string | MistralContentChunk[] | null;
      prefix: false;
    };
    finish_reason: string;
  }>;
}

export function toMistralToolCall(call: MistralToolCallPlan, index: number): MistralToolCall {
  return { id: call.id, function: { name: call.name, arguments: call.arguments }, index };
}

export function thinkingChunk(text: string): MistralContentChunk {
  return { type: 'thinking', thinking: [{ type: 'text', text }] };
}

/** Plain text as a string; a thinking model's answer as `thinking` then `text` chunks. */
function messageContent(
  choice: MistralChoicePlan,
): MistralChatCompletion['choices'][number]['message']['content'] {
  if (choice.reasoning === undefined) return choice.content;
  const chunks: MistralContentChunk[] = [thinkingChunk(choice.reasoning)];
  if (choice.content !== null) chunks.push({ type: 'text', text: choice.content });
  return chunks;
}

export function buildMistralChatCompletion(plan: MistralChatPlan): MistralChatCompletion {
  return {
    id: plan.id,
    object: 'chat.completion',
    model: plan.model,
    usage: plan.usage,
    created: plan.created,
    choices: plan.choices.map((choice) => ({
      index: choice.index,
      message: {
        role: 'assistant',
        tool_calls: choice.toolCalls.length > 0 ? choice.toolCalls.map(toMistralToolCall) : null,
        content: messageContent(choice),
        prefix: false,
      },
      finish_reason: choice.finishReason,
    })),
  };
}

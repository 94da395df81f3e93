import type { CohereChatPlan, CohereUsage } from './plan-cohere-chat.js';

export type CohereContentBlock = { type: 'text'; text: string } | { type: 'thinking'; thinking: string };

export interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A `POST /v2/chat` answer, shaped as Cohere's API returns it. */
export interface CohereChatResponse {
  id: string;
  message: {
    role: 'assistant';
    content?: CohereContentBlock[];
    tool_plan?: string;
    tool_calls?: CohereToolCall[];
  };
  finish_reason: string;
  usage: CohereUsage;
}

export function contentBlocksOf(plan: CohereChatPlan): CohereContentBlock[] {
  const blocks: CohereContentBlock[] = [];
  if (plan.thinking !== undefined) blocks.push({ type: 'thinking', thinking: plan.thinking });
  if (plan.text !== '') blocks.push({ type: 'text', text: plan.text });
  return blocks;
}

export function buildCohereChatResponse(plan: CohereChatPlan): CohereChatResponse {
  const content = contentBlocksOf(plan);
  return {
    id: plan.id,
    message: {
      role: 'assistant',
      ...(plan.toolPlan !== undefined ? { tool_plan: plan.toolPlan } : {}),
      ...(plan.toolCalls.length > 0
        ? {
            tool_calls: plan.toolCalls.map((call) => ({
              id: call.id,
              type: 'function' as const,
              function: { name: call.name, arguments: call.arguments },
            })),
          }
        : {}),
      ...(content.length > 0 ? { content } : {}),
    },
    finish_reason: plan.finishReason,
    usage: plan.usage,
  };
}

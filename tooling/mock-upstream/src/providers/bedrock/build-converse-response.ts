import type { ConversePlan, ConverseUsage } from './plan-converse-reply.js';
import { toolInputDocument } from './plan-converse-reply.js';

/** A ConverseResponse, shaped as Bedrock returns it. */
export interface ConverseResponse {
  output: { message: { role: 'assistant'; content: Array<Record<string, unknown>> } };
  stopReason: string;
  usage: ConverseUsage;
  metrics: { latencyMs: number };
}

export const MOCK_LATENCY_MS = 42;

export function buildConverseResponse(plan: ConversePlan): ConverseResponse {
  const content: Array<Record<string, unknown>> = [];
  if (plan.reasoning) {
    content.push({ reasoningContent: { reasoningText: { ...plan.reasoning } } });
  }
  if (plan.text !== undefined) {
    content.push({ text: plan.text });
  }
  for (const use of plan.toolUses) {
    content.push({
      toolUse: { toolUseId: use.toolUseId, name: use.name, input: toolInputDocument(use.inputJson) },
    });
  }
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: plan.stopReason,
    usage: plan.usage,
    metrics: { latencyMs: MOCK_LATENCY_MS },
  };
}

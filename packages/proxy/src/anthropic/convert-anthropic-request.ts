import type { ChatRequest, ChatTool, ReasoningEffort, ToolChoice } from '@switchyard/core';
import type {
  AnthropicInputTool,
  AnthropicInputToolChoice,
  AnthropicMessagesRequest,
  AnthropicThinkingInput,
} from './anthropic-messages-request.js';
import { convertAnthropicMessages } from './convert-anthropic-messages.js';

/**
 * A validated Anthropic Messages request as the canonical chat request: `max_tokens`,
 * `temperature`, `top_p`, `stop_sequences` (as `stop`), `metadata.user_id` (as `user`) and
 * `stream` map to their OpenAI names; `top_k`, which OpenAI lacks, is kept as an extra field for the
 * providers that take it; tools and tool choice are translated; thinking becomes a
 * `reasoning_effort`. A stream always asks for usage, which the final `message_delta` reports.
 * Anthropic-only fields the canonical request has no room for (`container`, `mcp_servers`, …) are
 * not forwarded.
 */
export function convertAnthropicRequest(request: AnthropicMessagesRequest): ChatRequest {
  const out: ChatRequest = {
    model: request.model,
    messages: convertAnthropicMessages(request),
    max_tokens: request.max_tokens,
  };
  if (request.temperature !== undefined) out.temperature = request.temperature;
  if (request.top_p !== undefined) out.top_p = request.top_p;
  if (request.top_k !== undefined) out.top_k = request.top_k;
  if (request.stop_sequences !== undefined && request.stop_sequences.length > 0)
    out.stop = request.stop_sequences;
  if (typeof request.metadata?.user_id === 'string') out.user = request.metadata.user_id;
  if (request.tools !== undefined && request.tools.length > 0) out.tools = request.tools.map(convertTool);
  if (request.tool_choice !== undefined) {
    out.tool_choice = convertToolChoice(request.tool_choice);
    if ('disable_parallel_tool_use' in request.tool_choice && request.tool_choice.disable_parallel_tool_use) {
      out.parallel_tool_calls = false;
    }
  }
  const effort = request.thinking ? reasoningEffortFor(request.thinking) : undefined;
  if (effort !== undefined) out.reasoning_effort = effort;
  if (request.stream === true) {
    out.stream = true;
    out.stream_options = { include_usage: true };
  }
  return out;
}

function convertTool(tool: AnthropicInputTool): ChatTool {
  const out: ChatTool = {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.input_schema,
    },
  };
  return tool.cache_control ? { ...out, cache_control: tool.cache_control } : out;
}

/** auto → auto, any → required, tool → that function, none → none. */
export function convertToolChoice(choice: AnthropicInputToolChoice): ToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}

/**
 * Extended thinking as an effort level: the largest level whose thinking budget (core's: low 1024,
 * medium 2048, high 4096) fits in `budget_tokens`; adaptive thinking is `medium`, disabled none.
 */
export function reasoningEffortFor(thinking: AnthropicThinkingInput): ReasoningEffort | undefined {
  if (thinking.type === 'disabled') return undefined;
  if (thinking.type === 'adaptive') return 'medium';
  if (thinking.budget_tokens >= 4096) return 'high';
  if (thinking.budget_tokens >= 2048) return 'medium';
  return 'low';
}

import { countWords } from '../../core/count-words.js';
import { deterministicId } from '../../core/deterministic-random.js';
import type { MockRuleResponse } from '../../core/mock-rule.js';
import type { AnthropicMessagesRequest } from './read-anthropic-messages-request.js';

export type AnthropicPlannedBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  /** `input` is the JSON text streamed as `partial_json` (the JSON answer parses it). */
  | { type: 'tool_use'; id: string; name: string; input: string };

/**
 * Anthropic's usage: `input_tokens` excludes the tokens read from or written to the prompt cache;
 * `output_tokens` includes thinking, broken out in `output_tokens_details.thinking_tokens`.
 */
export interface AnthropicUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
  output_tokens_details: { thinking_tokens: number };
  service_tier: 'standard';
}

/** Everything a Messages answer says, decided once and rendered as JSON or as stream events. */
export interface AnthropicMessagePlan {
  id: string;
  model: string;
  blocks: AnthropicPlannedBlock[];
  stopReason: string;
  usage: AnthropicUsage;
}

export interface AnthropicMessagePlanInput {
  request: AnthropicMessagesRequest;
  respond: MockRuleResponse | undefined;
  /** Makes ids and signatures deterministic, e.g. the recorded request's id. */
  seed: string;
}

/** The default reply, derived from the last user turn so tests can predict it. */
export function defaultAnthropicReply(request: AnthropicMessagesRequest): string {
  return `Mock reply to: ${request.lastUserText}`;
}

/**
 * Plans the answer: a thinking block when the request enables thinking (or a rule scripts
 * reasoning), the text, then tool calls (scripted, or the one `tool_choice` forces). A JSON schema
 * answer defaults to `{}`.
 */
export function planAnthropicMessage({
  request,
  respond,
  seed,
}: AnthropicMessagePlanInput): AnthropicMessagePlan {
  const blocks: AnthropicPlannedBlock[] = [];
  if (request.thinking || respond?.reasoning !== undefined) {
    blocks.push({
      type: 'thinking',
      thinking: respond?.reasoning ?? `Mock thinking about: ${request.lastUserText}`,
      signature: Buffer.from(deterministicId('sig:', `signature:${seed}`, 48)).toString('base64'),
    });
  }
  const forced = request.forcedToolName;
  const calls = respond?.toolCalls ?? (forced === undefined ? [] : [{ name: forced, arguments: '{}' }]);
  const text =
    respond?.content ?? (request.jsonOutput ? '{}' : calls.length > 0 ? '' : defaultAnthropicReply(request));
  if (text !== '') {
    blocks.push({ type: 'text', text });
  }
  calls.forEach((call, index) => {
    const id = deterministicId('toolu_01', `tool:${seed}:${index}`, 22);
    blocks.push({ type: 'tool_use', id, name: call.name, input: call.arguments });
  });
  return {
    id: deterministicId('msg_01', `message:${seed}`, 22),
    model: respond?.model ?? request.model,
    blocks,
    stopReason: respond?.finishReason ?? (calls.length > 0 ? 'tool_use' : 'end_turn'),
    usage: planUsage(request, respond, blocks),
  };
}

function planUsage(
  request: AnthropicMessagesRequest,
  respond: MockRuleResponse | undefined,
  blocks: AnthropicPlannedBlock[],
): AnthropicUsage {
  const scripted = respond?.usage;
  if (scripted !== undefined) {
    const cacheRead = scripted.cached_tokens ?? 0;
    const cacheCreation = scripted.cache_creation_tokens ?? 0;
    return {
      input_tokens: Math.max(0, scripted.prompt_tokens - cacheRead - cacheCreation),
      cache_creation_input_tokens: cacheCreation,
      cache_read_input_tokens: cacheRead,
      output_tokens: scripted.completion_tokens,
      output_tokens_details: { thinking_tokens: scripted.reasoning_tokens ?? 0 },
      service_tier: 'standard',
    };
  }
  return {
    input_tokens: request.promptTexts.reduce((sum, text) => sum + countWords(text), 0),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: blocks.reduce((sum, block) => sum + countWords(blockText(block)), 0),
    output_tokens_details: {
      thinking_tokens: blocks.reduce(
        (sum, block) => sum + (block.type === 'thinking' ? countWords(block.thinking) : 0),
        0,
      ),
    },
    service_tier: 'standard',
  };
}

function blockText(block: AnthropicPlannedBlock): string {
  switch (block.type) {
    case 'thinking':
      return block.thinking;
    case 'text':
      return block.text;
    case 'tool_use':
      return `${block.name} ${block.input}`;
  }
}

import { BadGatewayError, type ChatResponse, type ChatResponseMessage, isRecord } from '@switchyard/core';
import { convertMistralToolCall } from './convert-mistral-tool-call.js';
import { convertMistralUsage } from './convert-mistral-usage.js';
import { type FinishReasonContext, mapMistralFinishReason } from './map-mistral-finish-reason.js';
import { fallbackToolCallId } from './mistral-tool-call-id.js';
import { splitMistralContent } from './split-mistral-content.js';

type Choice = ChatResponse['choices'][number];

/**
 * Mistral's chat completion in canonical form: content chunks become `content` plus
 * `reasoning_content`, an empty content next to tool calls becomes null, tool calls get their
 * `type`, finish reasons and usage are mapped. Mistral-only fields (`prefix`) are not carried over.
 */
export function convertMistralResponse(
  body: Record<string, unknown>,
  context: FinishReasonContext,
): ChatResponse {
  if (!Array.isArray(body.choices)) {
    throw new BadGatewayError({
      message: `${context.provider} sent a response without choices`,
      provider: context.provider,
      model: context.model,
      code: 'invalid_upstream_response',
    });
  }
  const id = typeof body.id === 'string' ? body.id : '';
  const response: ChatResponse = {
    id,
    object: 'chat.completion',
    created: typeof body.created === 'number' ? body.created : Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' ? body.model : context.model,
    choices: body.choices.map((choice, position) => convertChoice(choice, position, id, context)),
  };
  const usage = convertMistralUsage(body.usage);
  if (usage) response.usage = usage;
  return response;
}

function convertChoice(raw: unknown, position: number, id: string, context: FinishReasonContext): Choice {
  const choice = isRecord(raw) ? raw : {};
  const index = typeof choice.index === 'number' ? choice.index : position;
  const message = isRecord(choice.message) ? choice.message : {};
  const { text, reasoning } = splitMistralContent(message.content);
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const toolCalls = calls.map((call, callIndex) =>
    convertMistralToolCall(call, fallbackToolCallId(id, index, callIndex)),
  );
  const converted: ChatResponseMessage = {
    role: 'assistant',
    content: text === undefined || (text === '' && toolCalls.length > 0) ? null : text,
  };
  if (toolCalls.length > 0) converted.tool_calls = toolCalls;
  if (reasoning !== undefined) converted.reasoning_content = reasoning;
  return {
    index,
    message: converted,
    finish_reason: mapMistralFinishReason(choice.finish_reason, context) ?? 'stop',
  };
}

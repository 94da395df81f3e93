import type { ChatRequest } from '@switchyard/core';

/** Characters per token of the estimate (the usual rule of thumb for English text and JSON). */
const charactersPerToken = 4;
/** Tokens counted per message for the role and separators. */
const tokensPerMessage = 4;
/** Tokens counted per image: OpenAI's cost of a high-detail 1024×1024 image. */
const tokensPerImage = 765;

/**
 * An estimate of a chat request's prompt tokens without a tokenizer (the gateway has none for
 * every model): text of the messages, tool calls and tool definitions at four characters per
 * token, plus a few tokens per message and a flat count per image. Good enough to tell a prompt
 * that cannot fit a context window from one that can.
 */
export function estimatePromptTokens(request: ChatRequest): number {
  let characters = 0;
  let images = 0;
  for (const message of request.messages) {
    const { content } = message as { content?: unknown };
    if (typeof content === 'string') {
      characters += content.length;
    } else if (Array.isArray(content)) {
      for (const part of content as Array<{ type?: string; text?: unknown }>) {
        if (part.type === 'image_url') images += 1;
        else if (typeof part.text === 'string') characters += part.text.length;
      }
    }
    const toolCalls = (message as { tool_calls?: unknown }).tool_calls;
    if (Array.isArray(toolCalls)) characters += JSON.stringify(toolCalls).length;
  }
  if (request.tools) characters += JSON.stringify(request.tools).length;
  return (
    Math.ceil(characters / charactersPerToken) +
    request.messages.length * tokensPerMessage +
    images * tokensPerImage
  );
}

import { BadRequestError } from '@switchyard/core';
import type { AnthropicCountTokensRequest, AnthropicInputBlock } from './anthropic-messages-request.js';

/** Characters per token of the estimate: the usual rule of thumb for English text and JSON. */
export const charactersPerToken = 4;
/** What one image counts: Anthropic's cost of an image of about 1.15 megapixels, its largest unresized size. */
export const tokensPerImage = 1600;

/**
 * An estimate of a request's input tokens without calling any provider (the gateway has no
 * tokenizer for every model): the characters of the system prompt, the messages' text, tool inputs
 * and results, thinking text and the tools' names, descriptions and schemas, divided by
 * `charactersPerToken` and rounded up, plus `tokensPerImage` per image. A PDF cannot be estimated
 * from its bytes, so a request with one is a 400 naming the block.
 */
export function estimateInputTokens(request: AnthropicCountTokensRequest): number {
  let characters = 0;
  let images = 0;
  const system = request.system;
  if (typeof system === 'string') characters += system.length;
  else for (const block of system ?? []) characters += block.text.length;
  request.messages.forEach((message, messageIndex) => {
    message.content.forEach((block, blockIndex) => {
      const counted = countBlock(block, `messages[${messageIndex}].content[${blockIndex}]`);
      characters += counted.characters;
      images += counted.images;
    });
  });
  for (const tool of request.tools ?? []) {
    characters +=
      tool.name.length + (tool.description?.length ?? 0) + JSON.stringify(tool.input_schema).length;
  }
  return Math.ceil(characters / charactersPerToken) + images * tokensPerImage;
}

function countBlock(block: AnthropicInputBlock, path: string): { characters: number; images: number } {
  switch (block.type) {
    case 'text':
      return { characters: block.text.length, images: 0 };
    case 'image':
      return { characters: 0, images: 1 };
    case 'tool_use':
      return { characters: block.name.length + JSON.stringify(block.input).length, images: 0 };
    case 'tool_result': {
      let characters = 0;
      let images = 0;
      for (const part of block.content ?? []) {
        if (part.type === 'text') characters += part.text.length;
        else images += 1;
      }
      return { characters, images };
    }
    case 'thinking':
      return { characters: block.thinking.length, images: 0 };
    case 'redacted_thinking':
      return { characters: 0, images: 0 };
    case 'document':
      if (block.source.type === 'text') return { characters: block.source.data.length, images: 0 };
      throw new BadRequestError({
        message: `${path} is a PDF document; the gateway cannot estimate the tokens of a PDF without the model's provider.`,
        param: path,
        code: 'token_count_unavailable',
      });
  }
}

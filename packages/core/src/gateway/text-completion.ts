import { BadRequestError } from '../errors/error-classes.js';
import type { ChatRequest } from '../schemas/chat-request.js';
import type { ChatChunk, ChatResponse } from '../schemas/chat-response.js';
import type { TextCompletion, TextCompletionRequest } from '../schemas/text-completion.js';

// The legacy completions API, bridged through chat for every provider: each prompt becomes one
// user message, and the answer's text comes back as `choices[].text`.

// Fields of the legacy API with no chat equivalent: refused unless drop_params allows dropping them.
const noChatEquivalent = ['suffix', 'echo', 'logprobs', 'best_of'] as const;
const chatOnlyFields = ['prompt', ...noChatEquivalent] as const;

/** The prompts of a request as texts; token-id prompts cannot be bridged through chat. */
export function promptsOf(request: TextCompletionRequest): string[] {
  const { prompt } = request;
  if (typeof prompt === 'string') return [prompt];
  if (prompt.every((item): item is string => typeof item === 'string')) return prompt;
  throw new BadRequestError({
    message:
      'Token-id prompts are not supported: this gateway bridges completions through chat; send the prompt as text.',
    param: 'prompt',
    code: 'unsupported_prompt',
  });
}

/** Refuses (or, with drop_params, ignores) legacy-only fields that chat cannot honour. */
export function checkLegacyFields(request: TextCompletionRequest, dropParams: boolean): void {
  const meaningful: Record<(typeof noChatEquivalent)[number], boolean> = {
    suffix: request.suffix != null && request.suffix !== '',
    echo: request.echo === true,
    logprobs: request.logprobs != null,
    best_of: (request.best_of ?? 1) > 1,
  };
  for (const name of noChatEquivalent) {
    if (meaningful[name] && !dropParams) {
      throw new BadRequestError({
        message: `"${name}" is not supported on /completions by this gateway (it bridges through chat). Remove it, or set drop_params: true to ignore it.`,
        param: name,
        code: 'unsupported_params',
      });
    }
  }
}

/** The chat request for one prompt: every other field is carried over unchanged. */
export function chatRequestForPrompt(request: TextCompletionRequest, prompt: string): ChatRequest {
  const chat: Record<string, unknown> = { ...request, messages: [{ role: 'user', content: prompt }] };
  for (const name of chatOnlyFields) delete chat[name];
  return chat as ChatRequest;
}

/** One prompt's chat answer as text-completion choices, indexed after the earlier prompts'. */
export function textChoicesOf(response: ChatResponse, firstIndex: number): TextCompletion['choices'] {
  return response.choices.map((choice) => ({
    text: choice.message.content ?? '',
    index: firstIndex + choice.index,
    logprobs: null,
    finish_reason: choice.finish_reason === 'tool_calls' ? 'stop' : choice.finish_reason,
  }));
}

/** A chat chunk as a text-completion chunk (usage-only chunks keep `choices: []`). */
export function textChunkOf(chunk: ChatChunk): TextCompletion {
  const out: TextCompletion = {
    id: chunk.id.startsWith('chatcmpl-') ? `cmpl-${chunk.id.slice(9)}` : chunk.id,
    object: 'text_completion',
    created: chunk.created,
    model: chunk.model,
    choices: chunk.choices
      .filter((choice) => choice.delta.content || choice.finish_reason)
      .map((choice) => ({
        text: choice.delta.content ?? '',
        index: choice.index,
        logprobs: null,
        finish_reason: choice.finish_reason ?? null,
      })),
  };
  if (chunk.usage) out.usage = chunk.usage;
  return out;
}

type ChatCall = (request: ChatRequest) => Promise<ChatResponse | AsyncIterable<ChatChunk>>;

function sumUsage(responses: ReadonlyArray<ChatResponse>): TextCompletion['usage'] {
  const usages = responses.map((response) => response.usage).filter((usage) => usage != null);
  if (usages.length === 0) return undefined;
  const prompt = usages.reduce((sum, usage) => sum + usage.prompt_tokens, 0);
  const completion = usages.reduce((sum, usage) => sum + usage.completion_tokens, 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

async function* textStream(chunks: AsyncIterable<ChatChunk>): AsyncGenerator<TextCompletion> {
  for await (const chunk of chunks) {
    const text = textChunkOf(chunk);
    if (text.choices.length > 0 || text.usage) yield text;
  }
}

/**
 * A legacy completion answered through chat: each prompt is one chat call (in parallel), choices
 * indexed prompt by prompt as the legacy API does; a stream takes one prompt.
 */
export async function textCompletionViaChat(
  request: TextCompletionRequest,
  chat: ChatCall,
  dropParams: boolean,
): Promise<TextCompletion | AsyncIterable<TextCompletion>> {
  checkLegacyFields(request, dropParams);
  const prompts = promptsOf(request);
  if (request.stream === true) {
    if (prompts.length !== 1) {
      throw new BadRequestError({
        message: 'Streaming takes a single prompt; send one prompt per streamed request.',
        param: 'prompt',
        code: 'unsupported_prompt',
      });
    }
    const stream = await chat({ ...chatRequestForPrompt(request, prompts[0]!), stream: true });
    return textStream(stream as AsyncIterable<ChatChunk>);
  }
  const responses = (await Promise.all(
    prompts.map((prompt) => chat({ ...chatRequestForPrompt(request, prompt), stream: false })),
  )) as ChatResponse[];
  const perPrompt = request.n ?? 1;
  const first = responses[0]!;
  const completion: TextCompletion = {
    id: first.id.startsWith('chatcmpl-') ? `cmpl-${first.id.slice(9)}` : first.id,
    object: 'text_completion',
    created: first.created,
    model: first.model,
    choices: responses.flatMap((response, index) => textChoicesOf(response, index * perPrompt)),
  };
  const usage = sumUsage(responses);
  if (usage) completion.usage = usage;
  return completion;
}

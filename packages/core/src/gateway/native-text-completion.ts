import { BadGatewayError } from '../errors/error-classes.js';
import { passthroughEvents, readPassthroughJson } from '../passthrough/read-passthrough-body.js';
import type { PassthroughRequest, PassthroughResponse } from '../provider.js';
import { isRecord } from '../safe-json.js';
import type { TextCompletion, TextCompletionRequest } from '../schemas/text-completion.js';
import type { CompletionOptions } from './create-switchyard.js';

type Passthrough = (
  api: string,
  request: PassthroughRequest,
  call: CompletionOptions,
) => Promise<PassthroughResponse | undefined>;

async function* completionChunks(response: PassthroughResponse): AsyncGenerator<TextCompletion> {
  for await (const chunk of passthroughEvents(response, 'completion chunk')) {
    if (isRecord(chunk.error)) {
      const message =
        typeof chunk.error.message === 'string' ? chunk.error.message : 'The stream failed upstream.';
      throw new BadGatewayError({ message, code: 'upstream_stream_error' });
    }
    yield chunk as unknown as TextCompletion;
  }
}

/**
 * A legacy completion answered by a provider that serves `/completions` itself (the request passed
 * through unchanged, every legacy field honoured); undefined when the model's deployment does not,
 * so the caller bridges it through chat.
 */
export async function nativeTextCompletion(
  passthrough: Passthrough,
  request: TextCompletionRequest,
  call: CompletionOptions,
): Promise<TextCompletion | AsyncIterable<TextCompletion> | undefined> {
  const stream = request.stream === true;
  const passed = await passthrough('openai-completions', { body: { ...request }, stream }, call);
  if (!passed) return undefined;
  return stream ? completionChunks(passed) : readPassthroughJson<TextCompletion>(passed, 'completion');
}

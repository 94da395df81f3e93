import type { TextCompletion } from '../schemas/text-completion.js';

function chunkOf(completion: TextCompletion, choices: TextCompletion['choices']): TextCompletion {
  const chunk: TextCompletion = {
    id: completion.id,
    object: 'text_completion',
    created: completion.created,
    model: completion.model,
    choices,
  };
  if (completion.system_fingerprint) chunk.system_fingerprint = completion.system_fingerprint;
  return chunk;
}

/**
 * A stored legacy completion replayed as a stream: per choice its text, then a chunk with the
 * finish reason; finally the usage chunk (`choices: []`) when the caller asked for it.
 */
export async function* replayTextCompletion(
  completion: TextCompletion,
  includeUsage: boolean,
): AsyncGenerator<TextCompletion> {
  for (const choice of completion.choices) {
    const { index } = choice;
    if (choice.text)
      yield chunkOf(completion, [{ text: choice.text, index, logprobs: null, finish_reason: null }]);
    yield chunkOf(completion, [{ text: '', index, logprobs: null, finish_reason: choice.finish_reason }]);
  }
  if (includeUsage && completion.usage) yield { ...chunkOf(completion, []), usage: completion.usage };
}

import type { TextCompletion, TextCompletionChoice } from '../schemas/text-completion.js';
import type { Usage } from '../schemas/usage.js';

/**
 * The complete legacy completion a stream delivered: text joined per choice, the last finish
 * reason, and the usage (from the usage chunk, or `usage` when the caller captured it elsewhere).
 */
export function assembleTextCompletion(chunks: ReadonlyArray<TextCompletion>, usage?: Usage): TextCompletion {
  const first = chunks[0];
  const choices = new Map<number, TextCompletionChoice>();
  let lastUsage: Usage | undefined;
  let fingerprint: string | undefined;
  for (const chunk of chunks) {
    for (const choice of chunk.choices) {
      const current = choices.get(choice.index) ?? {
        text: '',
        index: choice.index,
        logprobs: null,
        finish_reason: null,
      };
      current.text += choice.text;
      if (choice.finish_reason) current.finish_reason = choice.finish_reason;
      choices.set(choice.index, current);
    }
    if (chunk.usage) lastUsage = chunk.usage;
    if (chunk.system_fingerprint) fingerprint = chunk.system_fingerprint;
  }
  const completion: TextCompletion = {
    id: first?.id ?? '',
    object: 'text_completion',
    created: first?.created ?? 0,
    model: first?.model ?? '',
    choices: [...choices.values()].sort((a, b) => a.index - b.index),
  };
  const finalUsage = usage ?? lastUsage;
  if (finalUsage) completion.usage = finalUsage;
  if (fingerprint) completion.system_fingerprint = fingerprint;
  return completion;
}

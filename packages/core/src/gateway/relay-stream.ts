import type { ChatChunkStream } from '../provider.js';
import type { ChatChunk } from '../schemas/chat-response.js';
import type { Usage } from '../schemas/usage.js';

export interface RelayResult {
  usage: Usage | undefined;
  outcome: 'success' | 'error' | 'aborted';
  error?: unknown;
}

/**
 * Relays a provider stream to the caller. The gateway always asks upstream for usage; when the
 * caller did not (`stream_options.include_usage`), usage-only chunks are dropped and usage on
 * other chunks is removed, so the caller sees what it asked for while accounting sees the usage.
 */
export async function* relayStream(
  source: ChatChunkStream,
  callerWantsUsage: boolean,
  onEnd: (result: RelayResult) => void,
): AsyncGenerator<ChatChunk> {
  let usage: Usage | undefined;
  let result: RelayResult | undefined;
  try {
    for await (const chunk of source) {
      if (chunk.usage) usage = chunk.usage;
      if (callerWantsUsage || !chunk.usage) {
        yield chunk;
      } else if (chunk.choices.length > 0) {
        const { usage: _dropped, ...rest } = chunk;
        yield rest as ChatChunk;
      }
    }
    result = { usage, outcome: 'success' };
  } catch (error) {
    result = { usage, outcome: 'error', error };
    throw error;
  } finally {
    onEnd(result ?? { usage, outcome: 'aborted' });
  }
}

import type { ChatChunk } from '../schemas/chat-response.js';
import type { Usage } from '../schemas/usage.js';
import type { StreamRelay } from './call-runner.js';

/**
 * The relay of a chat stream. The gateway always asks upstream for usage; when the caller did not
 * (`stream_options.include_usage`), usage-only chunks are dropped and usage on other chunks is
 * removed, so the caller sees what it asked for while accounting sees the usage.
 */
export function chatStreamRelay(callerWantsUsage: boolean): StreamRelay<ChatChunk> {
  let usage: Usage | undefined;
  return {
    map(chunk) {
      if (!chunk.usage) return chunk;
      usage = chunk.usage;
      if (callerWantsUsage) return chunk;
      if (chunk.choices.length === 0) return undefined;
      const { usage: _dropped, ...rest } = chunk;
      return rest as ChatChunk;
    },
    usage: () => usage,
  };
}

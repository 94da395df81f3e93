import type { ChatChunk, ChatChunkStream } from '@switchyard/core';

export interface CollectedStream {
  chunks: ChatChunk[];
  text: string;
  finishReasons: string[];
  toolCalls: Map<number, { id?: string; name?: string; arguments: string }>;
}

/** Reads a whole stream, joining content and tool-call deltas the way an OpenAI client does. */
export async function collect(stream: ChatChunkStream): Promise<CollectedStream> {
  const out: CollectedStream = { chunks: [], text: '', finishReasons: [], toolCalls: new Map() };
  for await (const chunk of stream) {
    out.chunks.push(chunk);
    for (const choice of chunk.choices) {
      out.text += choice.delta.content ?? '';
      if (choice.finish_reason) out.finishReasons.push(choice.finish_reason);
      for (const call of choice.delta.tool_calls ?? []) {
        const entry = out.toolCalls.get(call.index) ?? { arguments: '' };
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.arguments += call.function?.arguments ?? '';
        out.toolCalls.set(call.index, entry);
      }
    }
  }
  return out;
}

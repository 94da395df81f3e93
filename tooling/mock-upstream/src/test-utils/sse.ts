/** The `data:` payloads of a complete server-sent-events body, in order. */
export function parseSseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) =>
      frame
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length))
        .join('\n'),
    );
}

/** Reads a streaming body until the first complete frame arrives, leaving the stream open. */
export async function readFirstSseFrame(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) {
      throw new Error(`stream ended before a complete frame: ${JSON.stringify(text)}`);
    }
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return parseSseData(text.slice(0, text.indexOf('\n\n') + 2))[0] ?? '';
}

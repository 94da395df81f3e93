export interface SseEventToEncode {
  data: string;
  event?: string;
  id?: string;
}

const lineBreak = /\r\n|\r|\n/;

/** Encodes one event; data with line breaks becomes several `data:` lines. */
export function encodeSseEvent(event: SseEventToEncode): string {
  let out = '';
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.data.includes('\n') || event.data.includes('\r')) {
    for (const line of event.data.split(lineBreak)) out += `data: ${line}\n`;
  } else {
    out += `data: ${event.data}\n`;
  }
  return `${out}\n`;
}

/** Fast path for a single-line payload such as JSON.stringify output. */
export function encodeSseData(data: string): string {
  return data.includes('\n') || data.includes('\r') ? encodeSseEvent({ data }) : `data: ${data}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';

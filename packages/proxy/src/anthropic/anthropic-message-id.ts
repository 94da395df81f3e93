/**
 * An Anthropic-style message id (`msg_…`) from the canonical answer's id, so one answer keeps one id
 * whichever API it is read through; ids already in Anthropic's form are kept.
 */
export function anthropicMessageId(id: string, fallback: () => string): string {
  if (id.startsWith('msg_')) return id;
  const token = id.replace(/^chatcmpl-/, '').replace(/[^A-Za-z0-9_-]/g, '');
  return `msg_${token === '' ? fallback() : token}`;
}

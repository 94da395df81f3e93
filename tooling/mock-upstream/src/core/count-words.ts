/** Number of whitespace-separated words: the mock's deterministic stand-in for a token count. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

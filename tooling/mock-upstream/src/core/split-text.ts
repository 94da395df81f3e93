/** Splits text into words that keep the whitespace around them, so the pieces join back to `text`. */
export function splitIntoWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === '' ? [] : [text]);
}

/** Splits text into pieces of at most `length` UTF-16 code units that join back to `text`. */
export function splitIntoFragments(text: string, length: number): string[] {
  const fragments: string[] = [];
  for (let start = 0; start < text.length; start += length) {
    fragments.push(text.slice(start, start + length));
  }
  return fragments;
}

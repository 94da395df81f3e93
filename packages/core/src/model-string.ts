export interface ParsedModelString {
  provider: string;
  model: string;
}

/**
 * Splits `provider/model` at the first slash: `openai/gpt-4o` → openai + gpt-4o, and
 * `together_ai/meta-llama/Llama-3-70b` → together_ai + meta-llama/Llama-3-70b.
 * Returns undefined when there is no provider prefix.
 */
export function parseModelString(value: string): ParsedModelString | undefined {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return undefined;
  return { provider: value.slice(0, slash), model: value.slice(slash + 1) };
}

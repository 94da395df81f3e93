const marker = 'mock-thought-signature:';

/** An opaque-looking, deterministic thought signature (base64), as Gemini attaches to parts. */
export function mockThoughtSignature(seed: string): string {
  return Buffer.from(`${marker}${seed}`).toString('base64');
}

/** Whether a signature passed back is one the mock issued, byte for byte. */
export function isMockThoughtSignature(value: unknown): boolean {
  return typeof value === 'string' && Buffer.from(value, 'base64').toString('utf8').startsWith(marker);
}

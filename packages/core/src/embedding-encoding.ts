/**
 * OpenAI's `encoding_format: "base64"` for embeddings: the vector as little-endian float32 bytes,
 * base64-encoded. Providers that only return float arrays use this to answer base64 requests.
 */
export function encodeFloat32Base64(vector: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  for (const [index, value] of vector.entries()) view.setFloat32(index * 4, value, true);
  return Buffer.from(view.buffer).toString('base64');
}

/** Decodes `encodeFloat32Base64` (and OpenAI's base64 embeddings) into numbers. */
export function decodeFloat32Base64(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: Math.floor(bytes.byteLength / 4) }, (_, index) =>
    view.getFloat32(index * 4, true),
  );
}

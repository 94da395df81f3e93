import { seededRandom } from './deterministic-random.js';

/** A version-4-shaped UUID derived only from `seed` (Cohere's response, generation and trace ids). */
export function deterministicUuid(seed: string): string {
  const random = seededRandom(seed);
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

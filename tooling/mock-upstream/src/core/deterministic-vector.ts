import { seededRandom } from './deterministic-random.js';

/**
 * A unit-length vector derived only from `seed`: equal inputs embed equally, different inputs almost
 * never do. Components are rounded to float32 so a base64 float32 encoding round-trips exactly.
 */
export function deterministicUnitVector(seed: string, dimensions: number): number[] {
  const random = seededRandom(seed);
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.sqrt(raw.reduce((sum, value) => sum + value * value, 0)) || 1;
  return raw.map((value) => Math.fround(value / norm));
}

/** A seeded pseudo-random generator (mulberry32), so a failing property test fails the same way again. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alphabet = ['a', 'b', 'é', '"', '\\', '\n', ':', ',', '{', '}', '0', ' ', '💡'];

function randomString(random: () => number): string {
  const length = Math.floor(random() * 4);
  let out = '';
  for (let index = 0; index < length; index += 1) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** A random JSON value (nested objects and arrays, tricky strings, numbers, booleans, null). */
export function randomJson(random: () => number, depth = 3): unknown {
  const pick = Math.floor(random() * (depth > 0 ? 8 : 5));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return Math.floor(random() * 5) - 2;
    case 3:
      return random() < 0.5 ? 0.5 : 1e21;
    case 4:
      return randomString(random);
    case 5:
    case 6: {
      const out: Record<string, unknown> = {};
      const size = Math.floor(random() * 4);
      for (let index = 0; index < size; index += 1) out[randomString(random)] = randomJson(random, depth - 1);
      return out;
    }
    default:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth - 1));
  }
}

/** The same value with every object's keys in a shuffled order. */
export function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  for (let index = entries.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [entries[index], entries[other]] = [entries[other]!, entries[index]!];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, shuffleKeys(item, random)]));
}

// Seeded randomness for the demo generator: the same seed gives the same institution, byte for byte.
// Only integer arithmetic, + and * are used on the way to a value (no Math.random, no Math.log/sin,
// whose last bits may differ between engines), so the output does not depend on the machine.

/** mulberry32: a tiny 32-bit PRNG with a good spread, returning [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the UTF-16 code units: a stable 32-bit hash of a label. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stateless hash of up to four integers to [0, 1): for per-(student, day) decisions without state. */
export function hash01(a: number, b: number, c = 0, d = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ d, 0x165667b1);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export class Rng {
  private readonly source: () => number;
  readonly seed: number;

  constructor(seed: number, label = '') {
    this.seed = (hashString(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
    this.source = mulberry32(this.seed);
  }

  /** An independent stream: adding draws to one part of the generator does not shift another. */
  fork(label: string): Rng {
    return new Rng(this.seed, label);
  }

  next(): number {
    return this.source();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.source() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.source() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.source() * items.length)]!;
  }

  /** Pick by weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.source() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.source() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** Roughly normal (Irwin–Hall of four uniforms), mean 0 and standard deviation 1. */
  normal(): number {
    return (this.source() + this.source() + this.source() + this.source() - 2) * 1.7320508075688772;
  }
}

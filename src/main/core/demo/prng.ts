// Seeded randomness for the demo workspace: the same seed gives the same workspace, on every machine.
// mulberry32 is tiny, fast and good enough for synthetic data (not for anything secret).

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number
  /** Integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number
  /** True with probability p. */
  chance(p: number): boolean
  /** Standard normal (Box–Muller). */
  normal(): number
  /** Log-normal with the given median and log-space sigma (long right tail). */
  logNormal(median: number, sigma: number): number
  /** Poisson-distributed count (Knuth for small means, normal approximation above 30). */
  poisson(mean: number): number
  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T
  /** Index drawn with probability proportional to `weights`. */
  weighted(weights: readonly number[]): number
  /** An independent generator derived from this one (so adding draws in one stage never shifts another). */
  fork(salt: number): Rng
}

/** A seeded generator (mulberry32). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  let spare: number | null = null
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = (): number => {
    if (spare !== null) {
      const s = spare
      spare = null
      return s
    }
    const u = 1 - next() // (0, 1]: log(0) never happens
    const v = next()
    const r = Math.sqrt(-2 * Math.log(u))
    spare = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    poisson(mean) {
      if (mean <= 0) return 0
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()))
      const limit = Math.exp(-mean)
      let k = 0
      let p = next()
      while (p > limit) {
        k++
        p *= next()
      }
      return k
    },
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick() from an empty list')
      return item
    },
    weighted(weights) {
      let total = 0
      for (const w of weights) total += w
      let r = next() * total
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0
        if (r < 0) return i
      }
      return weights.length - 1
    },
    fork: (salt) => createRng((Math.imul(state ^ salt, 0x9e3779b1) + salt) >>> 0),
  }
  return rng
}

import { describe, expect, it } from 'vitest'
import { createRng } from '../../../src/main/core/demo/prng'
import { splitExact } from '../../../src/main/core/demo/youtube'

const draws = (seed: number, n: number) => {
  const rng = createRng(seed)
  return Array.from({ length: n }, () => rng.next())
}

describe('createRng', () => {
  it('repeats the same sequence for a seed and differs for another', () => {
    expect(draws(42, 50)).toEqual(draws(42, 50))
    expect(draws(42, 50)).not.toEqual(draws(43, 50))
    for (const x of draws(1, 10_000)) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
    }
  })

  it('draws log-normal values around the requested median with a long right tail', () => {
    const rng = createRng(9)
    const xs = Array.from({ length: 20_000 }, () => rng.logNormal(10, 1)).sort((a, b) => a - b)
    const median = xs[10_000]!
    const p90 = xs[18_000]!
    expect(median).toBeGreaterThan(9)
    expect(median).toBeLessThan(11)
    // exp(1.2816) ≈ 3.6 for sigma 1
    expect(p90 / median).toBeGreaterThan(3.2)
    expect(p90 / median).toBeLessThan(4)
  })

  it('picks weighted indexes in proportion to their weights', () => {
    const rng = createRng(3)
    const counts = [0, 0, 0]
    for (let i = 0; i < 30_000; i++) counts[rng.weighted([1, 2, 7])]!++
    expect(counts[0]! / 30_000).toBeCloseTo(0.1, 1)
    expect(counts[2]! / 30_000).toBeCloseTo(0.7, 1)
  })

  it('draws Poisson counts with the requested mean', () => {
    const rng = createRng(5)
    let sum = 0
    for (let i = 0; i < 20_000; i++) sum += rng.poisson(2.5)
    expect(sum / 20_000).toBeGreaterThan(2.4)
    expect(sum / 20_000).toBeLessThan(2.6)
  })
})

describe('splitExact', () => {
  it('splits a total into integers proportional to the weights that add up exactly', () => {
    const parts = splitExact([1, 1, 1], 100)
    expect(parts.reduce((a, b) => a + b, 0)).toBe(100)
    expect([...parts].sort()).toEqual([33, 33, 34])
    expect(splitExact([3, 1], 8)).toEqual([6, 2])
    expect(splitExact([0, 0], 10)).toEqual([0, 0])
  })
})

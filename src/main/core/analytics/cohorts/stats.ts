// Order statistics used by the cohorts and the benchmark. Definitions (tested on hand-worked values):
// - median: the middle value of an odd count, the mean of the two middle values of an even count;
// - p90 (nearestRank): the value at rank ⌈0.9·n⌉ of the ascending list, an observed value, so
//   "90 % of SRs were resolved within p90 hours" holds literally;
// - quartiles (quartileInc): linear interpolation between closest ranks, h = (n − 1)·p, as Excel's
//   QUARTILE.INC / PERCENTILE.INC computes them, so a manager can reproduce a box in a spreadsheet.

/** Arithmetic mean, or null for an empty list. */
export function mean(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i] ?? 0
  return sum / values.length
}

/** Median of an ascending list (mean of the two middle values when the count is even); null when empty. */
export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length
  if (n === 0) return null
  const mid = n >> 1
  return n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Nearest-rank percentile `p` (0 < p ≤ 100) of an ascending list: the value at rank ⌈p/100 · n⌉. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length
  if (n === 0) return null
  // Rounded before ceil so 0.9 · 10 (= 9.000000000000002 in binary) is rank 9, not 10.
  const rank = Math.max(1, Math.ceil(Number(((p / 100) * n).toPrecision(12))))
  return sorted[Math.min(rank, n) - 1] ?? null
}

/** Percentile `p` (0…1) by linear interpolation between closest ranks (Excel PERCENTILE.INC). */
export function quartileInc(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length
  if (n === 0) return null
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const a = sorted[lo] ?? 0
  const b = sorted[Math.min(lo + 1, n - 1)] ?? a
  return a + (h - lo) * (b - a)
}

/** Competition rank of `value` among `values` (1 = best; ties share the best rank: 1, 2, 2, 4). */
export function competitionRank(values: readonly number[], value: number, higherIsBetter: boolean): number {
  let better = 0
  for (const v of values) if (higherIsBetter ? v > value : v < value) better++
  return better + 1
}

/** Ascending copy as a Float64Array (numeric sort, no string comparison). */
export function sortedNumbers(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort()
}

import type { TFunction } from 'i18next'
import type { BenchmarkMetricKey } from '../../../../shared/ipc/types-cohorts'

/**
 * The unit after a benchmark value, in the form that value takes: the backlog is a count ("1 SR",
 * "2 SRs"; Korean 건 either way), judged on the value as shown (one decimal), so 1.04 shown as 1
 * says "SR". Hours and percentages do not change with the number.
 */
export function benchmarkUnit(t: TFunction, key: BenchmarkMetricKey, value: number): string {
  return t(`cohorts.benchmark.units.${key}`, { count: Math.round(value * 10) / 10 })
}

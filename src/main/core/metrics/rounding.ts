// SPEC §3: rounding happens only at presentation (1 decimal in dashboards, 2 in KPI values).

/** Rounds half away from zero to `decimals` places, avoiding binary artefacts such as 1.005 → 1. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals
  const scaled = Math.abs(value) * factor
  const rounded = Math.round(Number(scaled.toPrecision(15))) / factor
  return Math.sign(value) * rounded
}

import { useState } from 'react'
import type { DateRange } from '../screens'
import { DEFAULT_RANGE_CHOICE, localDay, resolveRangeChoice, type RangeChoice } from './date-range-presets'

export type DateRangeState = {
  choice: RangeChoice
  setChoice: (choice: RangeChoice) => void
  /** The days the choice covers. */
  range: DateRange
  /** Today in the workspace zone (YYYY-MM-DD). */
  today: string
}

/** The console's date-range selection (kept for the session only; a restart starts at the default). */
export function useDateRange(timeZone: string): DateRangeState {
  const [choice, setChoice] = useState<RangeChoice>(DEFAULT_RANGE_CHOICE)
  // The session's start day: a range that shifted under the user mid-session would change figures
  // they are reading; presets re-anchor at the next start.
  const [startedAt] = useState(() => Date.now())
  const today = localDay(startedAt, timeZone)
  return { choice, setChoice, range: resolveRangeChoice(choice, today), today }
}

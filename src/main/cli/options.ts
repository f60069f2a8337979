// Option values the CLI parses itself.
import { InvalidArgumentError } from 'commander'

/**
 * A commander option parser for a whole number from `min` to `max`, refused in the option's words
 * (exit 2) before the workspace is opened. Number.parseInt read "5e3" as 5 and "1,000" as 1 without
 * a word (`bi mttr-trend --months 1e2` answered for one month), and "abc" as NaN, which the request
 * check then refused as "srCount: … received NaN".
 */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        `Give a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
      )
    return n
  }
}

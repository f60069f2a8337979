// A failure's English message as the command line says it: where the core's message sends the user
// to the app's Settings for something the command line can do too, the command line's way is named.
// The reason (the code the app words in its own language) stays as it was.
import { INVALID_TABLE_ADVICE } from '../core/sources/servicenow/connector'
import { logSource } from '../../shared/sync-log-source'

type Reason = { code: string; params?: Record<string, string | number> } | null | undefined

/**
 * `message` with a misspelt ServiceNow table's advice (servicenow_invalid_table) made the command
 * line's: `source update NAME --table TABLE`, which keeps the source's other settings and secrets
 * (removing and adding it again lost them). `name` is the source's name. Any other message as it is.
 */
export function commandLineAdvice(message: string, why: Reason, name: string): string {
  if (why?.code !== 'servicenow_invalid_table' || !message.includes(INVALID_TABLE_ADVICE)) return message
  const advice =
    `check the table name (incident, or another task table): the command line changes it with ` +
    `\`source update ${name} --table TABLE\`, or in the app: Settings → Connections → Edit`
  return message.replace(INVALID_TABLE_ADVICE, advice)
}

/** A sync outcome or sync-log entry (source `kind:name`) with its error in the command line's words. */
export function withCommandLineAdvice<T extends { source: string; error: string | null; reason?: Reason }>(
  item: T,
): T {
  if (!item.error) return item
  const error = commandLineAdvice(item.error, item.reason, logSource(item.source).name)
  return error === item.error ? item : { ...item, error }
}

// How far before its stored position a ServiceNow sync starts reading (docs/servicenow.md, "Where a
// sync resumes"), in seconds: the connector, the registry, the IPC schemas, the CLI and the
// Connections form all take the same bounds from here.
import { z } from 'zod'

export const RESUME_MARGIN_SECONDS = { default: 60, min: 60, max: 86_400 } as const

export const resumeMarginSchema = z
  .number()
  .int('Whole seconds')
  .min(RESUME_MARGIN_SECONDS.min, `At least ${RESUME_MARGIN_SECONDS.min} seconds`)
  .max(RESUME_MARGIN_SECONDS.max, `At most ${RESUME_MARGIN_SECONDS.max} seconds (a day)`)

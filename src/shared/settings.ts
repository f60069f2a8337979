// App settings (SPEC §9): one zod schema for electron-store in the app and the JSON store of the CLI/harness.
import { z } from 'zod'
import { DEFAULT_TIME_ZONE, isValidTimeZone, LANGUAGES } from './domain'

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(640).max(10_000),
  height: z.number().int().min(480).max(10_000),
  maximized: z.boolean(),
})
export type WindowState = z.infer<typeof windowStateSchema>

export const appSettingsSchema = z.object({
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
  timeZone: z.string().refine(isValidTimeZone, { message: 'Unknown IANA time zone' }),
  /** Minutes between background syncs while the app runs. */
  syncIntervalMinutes: z.number().int().min(1).max(1440),
  /** Folder reports are saved to by default; null = the OS documents folder. */
  reportFolder: z.string().min(1).nullable(),
  windowState: windowStateSchema,
  /** Set once the user answered the first-launch offer of the demo workspace. */
  demoOfferAnswered: z.boolean(),
})
export type AppSettings = z.infer<typeof appSettingsSchema>

/** Fields the renderer may change through `settings:set` (window state is the shell's own). */
export const appSettingsPatchSchema = appSettingsSchema
  .pick({
    language: true,
    theme: true,
    timeZone: true,
    syncIntervalMinutes: true,
    reportFolder: true,
    demoOfferAnswered: true,
  })
  .partial()
  .strict()
export type AppSettingsPatch = z.infer<typeof appSettingsPatchSchema>

export const DEFAULT_SETTINGS: AppSettings = {
  language: 'ko',
  theme: 'system',
  timeZone: DEFAULT_TIME_ZONE,
  syncIntervalMinutes: 15,
  reportFolder: null,
  windowState: { width: 1440, height: 900, maximized: false },
  demoOfferAnswered: false,
}

/**
 * Reads stored settings leniently: every field that fails the schema falls back to its default
 * (and is reported), so one bad value never loses the others.
 */
export function parseStoredSettings(raw: unknown): { settings: AppSettings; invalid: string[] } {
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  const invalid: string[] = []
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof AppSettings)[]) {
    if (!(key in input)) continue
    const field = appSettingsSchema.shape[key].safeParse(input[key])
    if (field.success) settings[key] = field.data
    else invalid.push(key)
  }
  return { settings: appSettingsSchema.parse(settings), invalid }
}

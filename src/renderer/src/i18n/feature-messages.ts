// Each area keeps its own ko/en messages beside its screens (features/<area>/messages.ts) under one
// top-level key of its own, so areas grow without editing one shared file. Listed here once.
import { biMessages } from '../components/bi-messages'
import { apiErrorMessages } from '../lib/api-error-messages'
import { authMessages } from '../features/auth/messages'
import { cohortsMessages } from '../features/cohorts/messages'
import { connectionsMessages } from '../features/connections/messages'
import { importMessages } from '../features/import/messages'
import { kpiBoardMessages } from '../features/kpi/messages'
import { kpiSettingsMessages } from '../features/kpi-settings/messages'
import { syncMessages } from '../features/sync/messages'
import { syncErrorMessages } from '../features/sync/sync-error-messages'
import { engineersMessages } from '../features/engineers/messages'
import { overviewBiMessages } from '../features/overview/messages'
import { slaBoardMessages } from '../features/sla/messages'
import { slaSettingsMessages } from '../features/sla-settings/messages'

export type FeatureMessages = {
  /** The top-level key the area's messages live under (unique across areas and ko.ts). */
  key: string
  ko: Record<string, unknown>
  en: Record<string, unknown>
}

export const FEATURE_MESSAGES: readonly FeatureMessages[] = [
  biMessages,
  overviewBiMessages,
  slaBoardMessages,
  slaSettingsMessages,
  engineersMessages,
  syncMessages,
  importMessages,
  connectionsMessages,
  authMessages,
  cohortsMessages,
  kpiBoardMessages,
  kpiSettingsMessages,
  apiErrorMessages,
  syncErrorMessages,
]

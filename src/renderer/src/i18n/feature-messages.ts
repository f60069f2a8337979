// Each area keeps its own ko/en messages beside its screens (features/<area>/messages.ts) under one
// top-level key of its own, so areas grow without editing one shared file. Listed here once.
export type FeatureMessages = {
  /** The top-level key the area's messages live under (unique across areas and ko.ts). */
  key: string
  ko: Record<string, unknown>
  en: Record<string, unknown>
}

export const FEATURE_MESSAGES: readonly FeatureMessages[] = []

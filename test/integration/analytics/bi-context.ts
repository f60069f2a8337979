// Core handlers over a temp workspace for the BI widget tests, with a pinned clock and workspace zone.
import { createCoreHandlers, type CoreContext } from '../../../src/main/core/api'
import type { Language } from '../../../src/shared/domain'
import type { TempWorkspace } from '../../helpers/workspace'

/** Handlers over `ws`; `zone` is the workspace zone (the rollups are built for it). */
export function handlersFor(ws: TempWorkspace, zone = 'Asia/Seoul', language: Language = 'ko', now = 0) {
  const ctx: CoreContext = {
    workspace: ws,
    runtime: 'cli',
    version: 'test',
    now: () => now,
    settings: () => ({ timeZone: zone, language }),
    emit: () => {},
    role: () => 'operator',
  }
  return createCoreHandlers(ctx)
}

import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../components/error-banner'
import type { AppSettings } from '../../../../shared/settings'
import { call } from '../../lib/api'
import { useDemoGeneration } from './use-demo-generation'

type FirstRunPanelProps = {
  /** Called with the saved settings once the workspace has data or the offer was declined. */
  onDone: (settings: AppSettings) => void
}

/** The first-launch welcome on an empty workspace: create the demo workspace, or later. */
export function FirstRunPanel({ onDone }: FirstRunPanelProps) {
  const { t } = useTranslation()
  const demo = useDemoGeneration()
  const [declineError, setDeclineError] = useState<Error | null>(null)

  async function create(): Promise<void> {
    const settings = await demo.start()
    if (settings) onDone(settings)
  }

  async function later(): Promise<void> {
    try {
      onDone(await call('settings:set', { demoOfferAnswered: true }))
    } catch (err) {
      setDeclineError(err instanceof Error ? err : new Error(String(err)))
    }
  }

  const error = demo.error ?? declineError
  const { progress } = demo
  return (
    <section className="panel" data-testid="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('firstRun.title')}</h2>
      <p>{t('firstRun.body')}</p>
      {error && <ErrorBanner title={t('firstRun.failed')} message={error.message} />}
      {demo.running ? (
        <div data-testid="demo-progress" aria-live="polite">
          <p>{t('firstRun.generating')}</p>
          {/* Indeterminate until the generator reports its first step. */}
          {progress ? <progress max={progress.total} value={progress.done} /> : <progress />}
          {progress && (
            <div className="progress-label">
              {t('firstRun.progress', { stage: progress.stage, done: progress.done, total: progress.total })}
            </div>
          )}
        </div>
      ) : (
        <div className="panel-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void create()}
            data-testid="demo-create"
          >
            {t('firstRun.create')}
          </button>
          <button type="button" className="btn" onClick={() => void later()} data-testid="demo-later">
            {t('firstRun.later')}
          </button>
        </div>
      )}
    </section>
  )
}

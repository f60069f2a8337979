import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DrillDownList, type DrillRequest } from './drill-down-list'
import { useModalDialog } from '../lib/use-modal-dialog'

type DrillDownPanelProps = {
  request: DrillRequest
  /**
   * What was clicked, in the screen's words ("2026-03-02 · 신규", "김민수 · 해결"): the heading until
   * the core answers with its own title of the number (which names the assignee, the week or the
   * whole range exactly as counted).
   */
  title: string
  onClose: () => void
}

/**
 * A modal dialog listing the SRs behind a number. <dialog>.showModal() gives the focus trap, Escape
 * and the inert page for free; the opener gets focus back from useDrillDown.
 */
export function DrillDownPanel({ request, title, onClose }: DrillDownPanelProps) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const [answer, setAnswer] = useState<{ title: string; range: { from: string; to: string } } | null>(null)
  const range = answer?.range
  const heading = answer?.title ?? title
  // The core's title of a number over the whole range (a category, an assignee) starts with it.
  const rangeLine = range && !heading.startsWith(`${range.from}–${range.to}`)

  useModalDialog(ref)

  return (
    <dialog
      ref={ref}
      className="drill-panel"
      data-testid="drill-down"
      aria-labelledby="drill-panel-title"
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself, outside its content box.
        if (e.target === e.currentTarget) e.currentTarget.close()
      }}
    >
      <div className="drill-panel-body">
        <header className="drill-panel-header">
          <div>
            <h2 id="drill-panel-title" data-testid="drill-title">
              {heading}
            </h2>
            {rangeLine && (
              <p className="drill-range" data-testid="drill-range">
                {t('bi.drill.range', range)}
              </p>
            )}
          </div>
          <button
            type="button"
            className="btn"
            autoFocus
            onClick={() => ref.current?.close()}
            data-testid="drill-close"
          >
            {t('bi.drill.close')}
          </button>
        </header>
        <DrillDownList request={request} onAnswer={(a) => setAnswer({ title: a.title, range: a.range })} />
      </div>
    </dialog>
  )
}

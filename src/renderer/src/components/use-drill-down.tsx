import { useCallback, useRef, useState, type ReactNode } from 'react'
import type { DrillRequest } from './drill-down-list'
import { DrillDownPanel } from './drill-down-panel'

export type OpenDrillDown = (request: DrillRequest, title: string, opener?: Element | null) => void

/**
 * Drill-down state of a screen: `open` shows the panel for a number; closing it (Escape, the close
 * button, the backdrop) returns focus to what opened it, or to `opener` when a chart shape was clicked
 * (SVG shapes take no focus, so the chart's panel stands in).
 */
export function useDrillDown(): { open: OpenDrillDown; panel: ReactNode } {
  const [current, setCurrent] = useState<{ request: DrillRequest; title: string } | null>(null)
  const returnTo = useRef<Element | null>(null)

  const open = useCallback<OpenDrillDown>((request, title, opener) => {
    const active = document.activeElement
    returnTo.current = active && active !== document.body ? active : (opener ?? null)
    setCurrent({ request, title })
  }, [])

  function close(): void {
    setCurrent(null)
    const target = returnTo.current
    returnTo.current = null
    if (target instanceof HTMLElement || target instanceof SVGElement) target.focus()
  }

  const panel = current && (
    <DrillDownPanel
      key={JSON.stringify(current.request)}
      request={current.request}
      title={current.title}
      onClose={close}
    />
  )
  return { open, panel }
}

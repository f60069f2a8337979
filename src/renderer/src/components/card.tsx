import type { ReactNode } from 'react'
import type { OverviewCard } from '../../../shared/ipc/types'

type CardProps = {
  testId: string
  label: string
  color: OverviewCard['color']
  children: ReactNode
}

/** A figure tile: label on top, the figure and any footnote as children. */
export function Card({ testId, label, color, children }: CardProps) {
  return (
    <section className={`card card-${color}`} data-testid={testId} aria-label={label}>
      <h3 className="card-label">{label}</h3>
      {children}
    </section>
  )
}

export function CardSkeleton() {
  return (
    <div className="card card-skeleton" aria-hidden="true">
      <div className="skeleton-line" />
      <div className="skeleton-line" />
    </div>
  )
}

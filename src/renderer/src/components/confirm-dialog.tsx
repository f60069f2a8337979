import { useId, useRef } from 'react'
import './confirm-dialog.css'
import { useModalDialog } from '../lib/use-modal-dialog'

type ConfirmDialogProps = {
  title: string
  /** What confirming does, said in full (read out with the title). */
  message: string
  confirmLabel: string
  cancelLabel: string
  onConfirm: () => void
  /** Cancel, Escape. The caller puts the focus back where the question was asked. */
  onCancel: () => void
  testId?: string
}

/**
 * An in-app confirmation (instead of window.confirm): a modal <dialog> (showModal: the page behind
 * is inert and Tab stays inside) with the alertdialog role, its title and message as its name and
 * description. The focus starts on Cancel, so Enter right away does nothing destructive; Escape
 * cancels. The caller unmounts it on either answer.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const messageId = useId()
  useModalDialog(ref)
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      data-testid={props.testId}
      // Escape closes a modal dialog itself (after 'cancel'); the dialog is closed only that way.
      onClose={props.onCancel}
      onKeyDown={(e) => {
        // Tab wraps between the two buttons (the page behind is inert; without this the focus would
        // leave the dialog for the window itself before coming back).
        if (e.key !== 'Tab') return
        const buttons = [...e.currentTarget.querySelectorAll('button')]
        const first = buttons[0]
        const last = buttons[buttons.length - 1]
        const edge = e.shiftKey ? first : last
        if (document.activeElement === edge || !e.currentTarget.contains(document.activeElement)) {
          e.preventDefault()
          ;(e.shiftKey ? last : first)?.focus()
        }
      }}
    >
      <h2 id={titleId} className="confirm-dialog-title">
        {props.title}
      </h2>
      <p id={messageId} className="confirm-dialog-message">
        {props.message}
      </p>
      <div className="confirm-dialog-actions">
        <button type="button" className="btn" autoFocus onClick={props.onCancel} data-testid="confirm-cancel">
          {props.cancelLabel}
        </button>
        <button type="button" className="btn btn-danger" onClick={props.onConfirm} data-testid="confirm-ok">
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  )
}

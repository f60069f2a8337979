import { useEffect, type RefObject } from 'react'

/**
 * Opens the <dialog> in `ref` as a modal once it is mounted (showModal gives the focus trap, Escape and
 * the top layer). No close() on cleanup: its 'close' event would end a StrictMode remount at once, and
 * unmounting removes the dialog from the top layer anyway.
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [ref])
}

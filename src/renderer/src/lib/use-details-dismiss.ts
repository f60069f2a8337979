import { useEffect, type RefObject } from 'react'

/** A <details> popover closes on its own only from its summary; this also closes it on outside clicks and Escape. */
export function useDetailsDismiss(ref: RefObject<HTMLDetailsElement | null>): void {
  useEffect(() => {
    function onPointerDown(event: PointerEvent): void {
      const details = ref.current
      if (details?.open && event.target instanceof Node && !details.contains(event.target))
        details.open = false
    }
    function onKeyDown(event: KeyboardEvent): void {
      const details = ref.current
      if (event.key === 'Escape' && details?.open) {
        details.open = false
        details.querySelector('summary')?.focus()
      }
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [ref])
}

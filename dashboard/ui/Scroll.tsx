// A table that may be wider than a phone scrolls sideways in its own box; the box takes keyboard
// focus (arrow keys scroll it) and is named, as a scrollable region must be (axe
// scrollable-region-focusable; https://www.w3.org/WAI/WCAG21/Understanding/keyboard).
import type { ComponentChildren } from 'preact'

export function Scroll({
  label,
  card = false,
  children,
}: {
  label: string
  card?: boolean
  children: ComponentChildren
}) {
  return (
    <div class={card ? 'scroll card' : 'scroll'} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}

// The score as a real radio group: roving tabindex, arrow keys move the choice (mirrored in RTL)
// without sending; a click, Space or Enter on a number sends it at once.
// Compact (the follow-up step): the checked option is the score sent, so arrows move only the
// focus, and choosing another number changes the answer.
import { h } from 'preact'
import { useRef, useState } from 'preact/hooks'
import { SCALES, type SurveyKind } from '../../schema/constants'
import { format } from '../../schema/i18n'

interface Props {
  kind: SurveyKind
  value: number | null
  rtl: boolean
  /** The group's accessible name (the question). */
  label: string
  compact?: boolean
  /** "{n} of {max}" in the visitor's language. */
  scoreOf: string
  lowLabel: string
  highLabel: string
  onMove?: (n: number) => void
  onPick: (n: number) => void
}

export function Scale(p: Props) {
  const { min, max } = SCALES[p.kind]
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  const [at, setAt] = useState<number | null>(null)
  const current = at ?? p.value ?? min
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i)

  const move = (n: number) => {
    // Wrap around, as the ARIA radio group pattern does.
    const next = n > max ? min : n < min ? max : n
    p.compact ? setAt(next) : p.onMove?.(next)
    buttons.current[next - min]?.focus()
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const forward = p.rtl ? 'ArrowLeft' : 'ArrowRight'
    const back = p.rtl ? 'ArrowRight' : 'ArrowLeft'
    const k = e.key
    if (k === forward || k === 'ArrowDown') move(current + 1)
    else if (k === back || k === 'ArrowUp') move(current - 1)
    else if (k === 'Home') move(min)
    else if (k === 'End') move(max)
    else if (k === ' ' || k === 'Enter') p.onPick(current)
    else return
    e.preventDefault()
  }

  const nameOf = (n: number) => {
    const end = n === min ? p.lowLabel : n === max ? p.highLabel : ''
    return format(p.scoreOf, { n, max }) + (end && `, ${end}`)
  }

  return (
    <div>
      <div
        role="radiogroup"
        aria-label={p.label}
        class={`s n${scores.length}${p.compact ? ' sc' : ''}`}
        onKeyDown={onKeyDown}
      >
        {scores.map((n) => (
          <button
            key={n}
            ref={(el) => void (buttons.current[n - min] = el)}
            type="button"
            role="radio"
            class="o"
            aria-checked={p.value === n}
            aria-label={nameOf(n)}
            tabIndex={n === current ? 0 : -1}
            onClick={() => p.onPick(n)}
          >
            {n}
          </button>
        ))}
      </div>
      {!p.compact && (
        <div class="e" aria-hidden="true">
          <span>{p.lowLabel}</span>
          <span>{p.highLabel}</span>
        </div>
      )}
    </div>
  )
}

// A confirmation in a modal <dialog>: focus moves into it, Escape cancels, the page behind is inert.
import { useEffect, useRef } from 'preact/hooks'
import { useI18n } from '../lib/i18n'

interface Props {
  title: string
  text: string
  confirm: string
  onConfirm: () => void
  onClose: () => void
}

export function Confirm({ title, text, confirm, onConfirm, onClose }: Props) {
  const { t } = useI18n()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    ref.current?.showModal()
  }, [])
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" onClose={onClose}>
      <h2 id="confirm-title">{title}</h2>
      <p>{text}</p>
      <div class="actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {t('cancel')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            onConfirm()
            ref.current?.close()
          }}
        >
          {confirm}
        </button>
      </div>
    </dialog>
  )
}

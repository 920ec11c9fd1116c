// The UI chunk: loaded by widget.js only when a survey will be shown. Its texts came with the
// survey config, in the locale the worker chose from the visitor's languages.
import { h, render } from 'preact'
import { isRtl } from '../../schema/i18n'
import type { MountContext } from '../lib/types'
import { App } from './App'
import { applyStyles } from './styles'

export function mount(ctx: MountContext): () => void {
  const { locale, messages } = ctx.survey
  const rtl = isRtl(locale)
  const host = document.createElement('kundepuls-widget')
  const root = host.attachShadow({ mode: 'open' })
  if (rtl) host.dataset.side = 'left'
  applyStyles(root, ctx.nonce)
  // Where focus was before it entered the widget: it goes back there on close.
  let back = document.activeElement as HTMLElement | null
  host.addEventListener('focusin', (e) => {
    const from = e.relatedTarget as HTMLElement | null
    if (from && !host.contains(from) && from !== host) back = from
  })
  const vv = window.visualViewport
  // On phones the on-screen keyboard shrinks the visual viewport; lift the sheet above it.
  const lift = () =>
    vv &&
    host.style.setProperty('--kp-kb', `${Math.max(0, innerHeight - vv.height - vv.offsetTop)}px`)
  vv?.addEventListener('resize', lift)
  let gone = false

  const unmount = (restoreFocus?: boolean) => {
    if (gone) return
    gone = true
    vv?.removeEventListener('resize', lift)
    const hadFocus = !!root.activeElement
    render(null, root)
    host.remove()
    if ((hadFocus || restoreFocus) && back?.isConnected && back !== document.body) back.focus()
  }

  const onClose = () => unmount(true)

  // On <html>, not <body>: a transform, filter or contain on body (scroll locks, page transitions)
  // would make body the containing block of a fixed element and carry the widget off screen.
  document.documentElement.append(host)
  render(<App ctx={ctx} m={messages} locale={locale} rtl={rtl} onClose={onClose} />, root)
  return () => unmount()
}

// Pages other than the overview are separate chunks, loaded on first visit: the first view
// (sign-in and overview, uPlot included) stays within its 60 KB gzip budget.
import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { useI18n } from './i18n'

export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined
  return function LazyPage(props: P) {
    const { t } = useI18n()
    const [Page, setPage] = useState(() => loaded)
    useEffect(() => {
      if (!Page) load().then((m) => setPage(() => (loaded = m.default)))
    }, [])
    return Page ? <Page {...props} /> : <p role="status">{t('loading')}</p>
  }
}

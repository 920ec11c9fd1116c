// The per-locale chunks made by widget/locales.ts.
declare module 'virtual:kp-locales' {
  import type { Locale } from '../../schema/constants'
  import type { WidgetMessages } from '../locales'
  const loaders: Record<Locale, () => Promise<{ default: WidgetMessages }>>
  export default loaders
}

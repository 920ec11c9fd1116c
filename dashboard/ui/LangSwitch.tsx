// The language switch: overrides the browser's choice and is remembered.
import { useI18n } from '../lib/i18n'
import type { Lang } from '../lib/messages'

export function LangSwitch({ lang, setLang }: { lang: Lang; setLang: (l: Lang) => void }) {
  const { t } = useI18n()
  return (
    <label class="lang">
      <span>{t('language')}</span>
      <select value={lang} onChange={(e) => setLang(e.currentTarget.value === 'da' ? 'da' : 'en')}>
        <option value="en" lang="en">
          English
        </option>
        <option value="da" lang="da">
          Dansk
        </option>
      </select>
    </label>
  )
}

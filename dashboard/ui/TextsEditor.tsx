// A survey's texts in one language at a time; the built-in text of that language is each
// field's placeholder, so an empty field visibly means "the default".
import { CATEGORIES, LOCALES, type Locale, type SurveyKind } from '../../schema/constants'
import { MESSAGES } from '../../schema/i18n'
import type { SurveyTexts } from '../../schema/survey'
import { invalidProps, type FieldErrors } from '../lib/field-errors'
import { useI18n } from '../lib/i18n'
import { FieldError } from './FieldError'

type Texts = Record<string, SurveyTexts>
const FIELDS = ['question', 'lowLabel', 'highLabel', 'thankYou'] as const

interface Props {
  kind: SurveyKind
  texts: Texts
  onChange: (t: Texts) => void
  locale: Locale
  onLocale: (l: Locale) => void
  errors?: FieldErrors
}

/** Drops empty fields and languages, so the API stores only real overrides. */
export function cleanTexts(texts: Texts): Texts {
  const out: Texts = {}
  for (const [l, t] of Object.entries(texts)) {
    const followUp = Object.fromEntries(
      Object.entries(t.followUp ?? {}).filter(([, v]) => v?.trim()),
    )
    const own: SurveyTexts = {}
    for (const f of FIELDS) if (t[f]?.trim()) own[f] = t[f]!.trim()
    if (Object.keys(followUp).length) own.followUp = followUp
    if (Object.keys(own).length) out[l] = own
  }
  return out
}

export function TextsEditor({ kind, texts, onChange, locale, onLocale, errors = {} }: Props) {
  const { t } = useI18n()
  const m = MESSAGES[locale]
  const own = texts[locale] ?? {}
  const set = (patch: SurveyTexts) => {
    onChange({ ...texts, [locale]: { ...own, ...patch } })
  }
  const defaults = {
    question: m.question[kind],
    lowLabel: m.lowLabel[kind],
    highLabel: m.highLabel[kind],
    thankYou: m.thankYou,
  }
  return (
    <fieldset>
      <legend>{t('texts')}</legend>
      <p class="muted">{t('textsIntro')}</p>
      <label for="texts-locale">{t('locale')}</label>
      <select
        id="texts-locale"
        value={locale}
        onChange={(e) => onLocale(LOCALES.find((l) => l === e.currentTarget.value) ?? 'en')}
      >
        {LOCALES.map((l) => (
          <option value={l}>
            {l}
            {texts[l] ? ' •' : ''}
          </option>
        ))}
      </select>
      <div class="form-grid" lang={locale}>
        {FIELDS.map((f) => (
          <div>
            <label for={`text-${f}`}>{t(f)}</label>
            <input
              id={`text-${f}`}
              type="text"
              maxLength={500}
              placeholder={defaults[f]}
              value={own[f] ?? ''}
              onInput={(e) => set({ [f]: e.currentTarget.value })}
              {...invalidProps(`text-${f}`, errors[`texts.${locale}.${f}`])}
            />
            <FieldError id={`text-${f}`} error={errors[`texts.${locale}.${f}`]} />
          </div>
        ))}
        {CATEGORIES[kind].map((c) => (
          <div>
            <label for={`text-followup-${c}`}>{t('followUpFor', { category: t(c) })}</label>
            <input
              id={`text-followup-${c}`}
              type="text"
              maxLength={500}
              placeholder={m.followUp[c]}
              value={own.followUp?.[c] ?? ''}
              onInput={(e) => set({ followUp: { ...own.followUp, [c]: e.currentTarget.value } })}
              {...invalidProps(`text-followup-${c}`, errors[`texts.${locale}.followUp.${c}`])}
            />
            <FieldError id={`text-followup-${c}`} error={errors[`texts.${locale}.followUp.${c}`]} />
          </div>
        ))}
      </div>
    </fieldset>
  )
}

// The general fields of a survey: name, kind (only when new), throttle, sampling, origins, links,
// trigger and segment keys. Lists are edited as text and split on save.
import { SURVEY_KINDS } from '../../schema/constants'
import type { SurveyCreate } from '../../schema/survey'
import { useI18n } from '../lib/i18n'

export interface ListTexts {
  origins: string
  segments: string
}

interface Props {
  draft: SurveyCreate
  lists: ListTexts
  isNew: boolean
  set: (patch: Partial<SurveyCreate>) => void
  setLists: (l: ListTexts) => void
}

export function SurveyFields({ draft, lists, isNew, set, setLists }: Props) {
  const { t } = useI18n()
  const url = (v: string) => v.trim() || null
  return (
    <fieldset>
      <legend>{t('general')}</legend>
      <div class="form-grid">
        <div>
          <label for="f-name">{t('name')}</label>
          <input
            id="f-name"
            required
            maxLength={120}
            value={draft.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for="f-kind">{t('kind')}</label>
          <select
            id="f-kind"
            value={draft.kind}
            disabled={!isNew}
            onChange={(e) =>
              set({ kind: SURVEY_KINDS.find((k) => k === e.currentTarget.value) ?? 'nps' })
            }
          >
            {SURVEY_KINDS.map((k) => (
              <option value={k}>{k.toUpperCase()}</option>
            ))}
          </select>
        </div>
        <div>
          <label for="f-throttle">{t('throttleDays')}</label>
          <input
            id="f-throttle"
            type="number"
            min={0}
            max={3650}
            value={draft.throttleDays}
            onInput={(e) => set({ throttleDays: e.currentTarget.valueAsNumber })}
          />
        </div>
        <div>
          <label for="f-sample">{t('sampleRate')}</label>
          <input
            id="f-sample"
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={draft.sampleRate}
            onInput={(e) => set({ sampleRate: e.currentTarget.valueAsNumber })}
          />
        </div>
        <div>
          <label for="f-referral">{t('referralUrl')}</label>
          <input
            id="f-referral"
            type="url"
            maxLength={2048}
            value={draft.referralUrl ?? ''}
            onInput={(e) => set({ referralUrl: url(e.currentTarget.value) })}
          />
        </div>
        <div>
          <label for="f-review">{t('reviewUrl')}</label>
          <input
            id="f-review"
            type="url"
            maxLength={2048}
            value={draft.reviewUrl ?? ''}
            onInput={(e) => set({ reviewUrl: url(e.currentTarget.value) })}
          />
        </div>
        <div>
          <label for="f-delay">{t('delayMs')}</label>
          <input
            id="f-delay"
            type="number"
            min={0}
            max={600000}
            step={500}
            value={draft.trigger.delayMs}
            onInput={(e) =>
              set({ trigger: { ...draft.trigger, delayMs: e.currentTarget.valueAsNumber } })
            }
          />
        </div>
        <div>
          <label for="f-match">{t('urlMatch')}</label>
          <input
            id="f-match"
            maxLength={500}
            value={draft.trigger.urlMatch ?? ''}
            onInput={(e) => {
              const urlMatch = e.currentTarget.value.trim()
              set({
                trigger: { delayMs: draft.trigger.delayMs, ...(urlMatch ? { urlMatch } : {}) },
              })
            }}
          />
        </div>
        <div>
          <label for="f-origins">{t('allowedOrigins')}</label>
          <textarea
            id="f-origins"
            rows={3}
            value={lists.origins}
            onInput={(e) => setLists({ ...lists, origins: e.currentTarget.value })}
          />
        </div>
        <div>
          <label for="f-segments">{t('segmentKeys')}</label>
          <input
            id="f-segments"
            value={lists.segments}
            onInput={(e) => setLists({ ...lists, segments: e.currentTarget.value })}
          />
        </div>
      </div>
    </fieldset>
  )
}

export const splitList = (text: string, by: RegExp) =>
  text
    .split(by)
    .map((s) => s.trim())
    .filter(Boolean)

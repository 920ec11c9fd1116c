// The general fields of a survey: name, kind (only when new), throttle, cooldown, sampling, origins, links,
// trigger and segment keys. Lists are edited as text and split on save. A manager reads a share
// as a percentage and a delay in seconds; the API keeps 0–1 and milliseconds underneath.
import type { ComponentChildren } from 'preact'
import { SURVEY_KINDS } from '../../schema/constants'
import type { SurveyCreate } from '../../schema/survey'
import { invalidProps, type FieldErrors } from '../lib/field-errors'
import { useI18n } from '../lib/i18n'
import { FieldError } from './FieldError'

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
  errors?: FieldErrors
}

/** 0.25 → 25; two decimals of a percent at most, so 1/3 does not read 33.33333. */
export const toPercent = (share: number) => Math.round(share * 10_000) / 100
export const fromPercent = (percent: number) => Math.round(percent * 100) / 10_000
export const toSeconds = (ms: number) => ms / 1000
export const fromSeconds = (s: number) => Math.round(s * 1000)

export function SurveyFields({ draft, lists, isNew, set, setLists, errors = {} }: Props) {
  const { t } = useI18n()
  const url = (v: string) => v.trim() || null
  const field = (id: string, key: string, label: string, input: ComponentChildren) => (
    <div>
      <label for={id}>{label}</label>
      {input}
      <FieldError id={id} error={errors[key]} />
    </div>
  )
  return (
    <fieldset>
      <legend>{t('general')}</legend>
      <div class="form-grid">
        {field(
          'f-name',
          'name',
          t('name'),
          <input
            id="f-name"
            required
            maxLength={120}
            value={draft.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
            {...invalidProps('f-name', errors.name)}
          />,
        )}
        {field(
          'f-kind',
          'kind',
          t('kind'),
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
          </select>,
        )}
        {field(
          'f-throttle',
          'throttleDays',
          t('throttleDays'),
          <input
            id="f-throttle"
            type="number"
            required
            min={0}
            max={3650}
            value={draft.throttleDays}
            onInput={(e) => set({ throttleDays: e.currentTarget.valueAsNumber })}
            {...invalidProps('f-throttle', errors.throttleDays)}
          />,
        )}
        <div>
          <label for="f-cooldown">{t('cooldownDays')}</label>
          <input
            id="f-cooldown"
            type="number"
            min={0}
            max={365}
            value={draft.cooldownDays ?? ''}
            onInput={(e) => {
              const v = e.currentTarget.value.trim()
              set({ cooldownDays: v === '' ? null : e.currentTarget.valueAsNumber })
            }}
            aria-describedby={errors.cooldownDays ? 'f-cooldown-error' : 'f-cooldown-hint'}
            aria-invalid={errors.cooldownDays ? true : undefined}
          />
          <p id="f-cooldown-hint" class="muted hint">
            {t('cooldownHint')}
          </p>
          <FieldError id="f-cooldown" error={errors.cooldownDays} />
        </div>
        <div>
          <label for="f-sample">{t('samplePercent')}</label>
          <input
            id="f-sample"
            type="number"
            required
            min={0}
            max={100}
            step="any"
            value={toPercent(draft.sampleRate)}
            onInput={(e) => set({ sampleRate: fromPercent(e.currentTarget.valueAsNumber) })}
            aria-describedby={errors.sampleRate ? 'f-sample-error' : 'f-sample-hint'}
            aria-invalid={errors.sampleRate ? true : undefined}
          />
          <p id="f-sample-hint" class="muted hint">
            {Number.isFinite(draft.sampleRate)
              ? t('sampleHint', { p: toPercent(draft.sampleRate) })
              : ''}
          </p>
          <FieldError id="f-sample" error={errors.sampleRate} />
        </div>
        {field(
          'f-referral',
          'referralUrl',
          t('referralUrl'),
          <input
            id="f-referral"
            type="url"
            maxLength={2048}
            value={draft.referralUrl ?? ''}
            onInput={(e) => set({ referralUrl: url(e.currentTarget.value) })}
            {...invalidProps('f-referral', errors.referralUrl)}
          />,
        )}
        {field(
          'f-review',
          'reviewUrl',
          t('reviewUrl'),
          <input
            id="f-review"
            type="url"
            maxLength={2048}
            value={draft.reviewUrl ?? ''}
            onInput={(e) => set({ reviewUrl: url(e.currentTarget.value) })}
            {...invalidProps('f-review', errors.reviewUrl)}
          />,
        )}
        {field(
          'f-delay',
          'trigger.delayMs',
          t('delaySeconds'),
          <input
            id="f-delay"
            type="number"
            required
            min={0}
            max={600}
            step="any"
            value={toSeconds(draft.trigger.delayMs)}
            onInput={(e) =>
              set({
                trigger: {
                  ...draft.trigger,
                  delayMs: fromSeconds(e.currentTarget.valueAsNumber),
                },
              })
            }
            {...invalidProps('f-delay', errors['trigger.delayMs'])}
          />,
        )}
        {field(
          'f-match',
          'trigger.urlMatch',
          t('urlMatch'),
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
            {...invalidProps('f-match', errors['trigger.urlMatch'])}
          />,
        )}
        {field(
          'f-origins',
          'allowedOrigins',
          t('allowedOrigins'),
          <textarea
            id="f-origins"
            rows={3}
            value={lists.origins}
            onInput={(e) => setLists({ ...lists, origins: e.currentTarget.value })}
            {...invalidProps('f-origins', errors.allowedOrigins)}
          />,
        )}
        {field(
          'f-segments',
          'segmentKeys',
          t('segmentKeys'),
          <input
            id="f-segments"
            value={lists.segments}
            onInput={(e) => setLists({ ...lists, segments: e.currentTarget.value })}
            {...invalidProps('f-segments', errors.segmentKeys)}
          />,
        )}
      </div>
    </fieldset>
  )
}

export const splitList = (text: string, by: RegExp) =>
  text
    .split(by)
    .map((s) => s.trim())
    .filter(Boolean)

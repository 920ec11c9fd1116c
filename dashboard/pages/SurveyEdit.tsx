// Create or edit a survey: every field of its config, texts per language, archive; its embed
// snippet with Copy, and a live preview of the real widget that records nothing.
import { useEffect, useRef, useState } from 'preact/hooks'
import { DEFAULT_THROTTLE_DAYS, LOCALES, type Locale } from '../../schema/constants'
import type { SurveyCreate } from '../../schema/survey'
import { ApiProblem, call } from '../lib/api'
import { useApp } from '../lib/context'
import { fieldErrors, firstTextLocale, type FieldErrors } from '../lib/field-errors'
import { useI18n } from '../lib/i18n'
import { showPreview, toPublicSurvey } from '../lib/preview'
import { BASE, navigate } from '../lib/router'
import { surveyPatch } from '../lib/survey-patch'
import { useData } from '../lib/use-data'
import { Confirm } from '../ui/Confirm'
import { EmbedSnippet } from '../ui/EmbedSnippet'
import { Problem } from '../ui/Status'
import { splitList, SurveyFields, type ListTexts } from '../ui/SurveyFields'
import { cleanTexts, TextsEditor } from '../ui/TextsEditor'

const NEW: SurveyCreate = {
  name: '',
  kind: 'nps',
  texts: {},
  throttleDays: DEFAULT_THROTTLE_DAYS,
  sampleRate: 1,
  allowedOrigins: [],
  referralUrl: null,
  reviewUrl: null,
  trigger: { delayMs: 0 },
  segmentKeys: ['segment', 'plan', 'country'],
  cooldownDays: null,
}

export default function SurveyEdit({ id }: { id: string | null }) {
  const { t } = useI18n()
  const loaded = useData(id, () => call('GET /v1/surveys/{id}', { params: { id: id ?? '' } }))
  if (id && loaded.error) return <Problem error={loaded.error} retry={loaded.reload} />
  if (id && !loaded.data) return <p role="status">{t('loading')}</p>
  return <Editor key={id ?? 'new'} id={id} initial={loaded.data ?? NEW} />
}

function Editor({ id, initial }: { id: string | null; initial: SurveyCreate }) {
  const { t, lang } = useI18n()
  const app = useApp()
  // The survey as the server last stored it: Save sends only what differs from it.
  const [stored, setStored] = useState<SurveyCreate>(initial)
  const [draft, setDraft] = useState<SurveyCreate>(initial)
  const [lists, setLists] = useState<ListTexts>({
    origins: initial.allowedOrigins.join('\n'),
    segments: initial.segmentKeys.join(', '),
  })
  const [locale, setLocale] = useState<Locale>(lang)
  const [status, setStatus] = useState('')
  const [error, setError] = useState<Error>()
  const [invalid, setInvalid] = useState<FieldErrors>({})
  const [archiving, setArchiving] = useState(false)
  // 0: no preview yet; each click shows it again (after the visitor-style close button removed it).
  const [previewing, setPreviewing] = useState(0)
  const unmount = useRef<() => void>(undefined)
  const set = (patch: Partial<SurveyCreate>) => setDraft((d) => ({ ...d, ...patch }))
  const body = (): SurveyCreate => ({
    ...draft,
    texts: cleanTexts(draft.texts),
    allowedOrigins: splitList(lists.origins, /\s+/),
    segmentKeys: splitList(lists.segments, /[,\s]+/),
  })
  // Live: while the preview is open it follows every edit (and the chosen language).
  useEffect(() => {
    if (!previewing) return
    let gone = false
    const timer = setTimeout(async () => {
      const remove = await showPreview(toPublicSurvey(body(), id ?? 'preview', locale))
      if (gone) return remove()
      unmount.current?.()
      unmount.current = remove
    }, 250)
    return () => {
      gone = true
      clearTimeout(timer)
    }
  }, [previewing, draft, locale])
  useEffect(() => () => unmount.current?.(), [])
  const save = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    setInvalid({})
    setStatus('')
    try {
      const next = body()
      if (id) {
        const patch = surveyPatch(stored, next)
        if (!Object.keys(patch).length) return setStatus(t('noChanges'))
        setStored(await call('PATCH /v1/surveys/{id}', { params: { id }, body: patch }))
      } else {
        const created = await call('POST /v1/surveys', { body: next })
        navigate(`/surveys/${created.id}?survey=${created.id}`)
      }
      app.reloadSurveys()
      setStatus(t('surveySaved'))
    } catch (err) {
      const problem = err instanceof ApiProblem ? fieldErrors(err) : undefined
      if (problem && Object.keys(problem.fields).length) {
        setInvalid(problem.fields)
        const textLocale = LOCALES.find((l) => l === firstTextLocale(problem.fields))
        if (textLocale) setLocale(textLocale)
        setStatus(t('fixFields', { n: Object.keys(problem.fields).length }))
        if (problem.other.length) setError(new Error(problem.other.join('; ')))
      } else setError(err instanceof Error ? err : new Error(String(err)))
    }
  }
  const archive = async () => {
    if (!id) return
    try {
      await call('DELETE /v1/surveys/{id}', { params: { id } })
      app.reloadSurveys()
      navigate('/surveys')
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
    }
  }
  return (
    <section aria-labelledby="page-title">
      <p>
        <a href={`${BASE}/surveys`}>← {t('back')}</a>
      </p>
      <h1 id="page-title">{id ? draft.name || id : t('newSurvey')}</h1>
      <form onSubmit={save}>
        {/* A read-only session sees the config and cannot change it. */}
        <fieldset class="plain" disabled={!app.canWrite}>
          <legend class="sr-only">{draft.name}</legend>
          <SurveyFields
            draft={draft}
            lists={lists}
            isNew={!id}
            set={set}
            setLists={setLists}
            errors={invalid}
          />
          <TextsEditor
            kind={draft.kind}
            texts={draft.texts}
            onChange={(texts) => set({ texts })}
            locale={locale}
            onLocale={setLocale}
            errors={invalid}
          />
        </fieldset>
        {error && <Problem error={error} />}
        <p role="status" class="status">
          {status}
        </p>
        <div class="row-actions">
          {app.canWrite && (
            <button type="submit" class="primary">
              {id ? t('save') : t('create')}
            </button>
          )}
          <button type="button" onClick={() => setPreviewing((n) => n + 1)}>
            {t('showPreview')}
          </button>
          {app.canWrite && id && (
            <button type="button" class="danger" onClick={() => setArchiving(true)}>
              {t('archive')}
            </button>
          )}
        </div>
        <p class="muted">{t('previewIntro')}</p>
      </form>
      {id && <EmbedSnippet surveyId={id} />}
      {archiving && (
        <Confirm
          title={t('archive')}
          text={t('archiveConfirm')}
          confirm={t('archive')}
          onConfirm={archive}
          onClose={() => setArchiving(false)}
        />
      )}
    </section>
  )
}

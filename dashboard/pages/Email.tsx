// The Email page: event rules (add, edit, delete), relationship programs (start, pause, resume),
// the schedule of the next 14 days, the figures per channel, then the recent sends with their
// state, the suppression list and the email's preview in each language (pages/email/).
import { useState } from 'preact/hooks'
import type { EmailProgram, EmailRule } from '../../schema/email-triggers'
import { WEEKDAYS, WORKING_HOURS } from '../../schema/constants'
import type { SendWindow, Weekday } from '../../schema/send-window'
import { call } from '../lib/api'
import { useApp } from '../lib/context'
import { asError } from '../lib/errors'
import { int, num } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { useData } from '../lib/use-data'
import { Confirm } from '../ui/Confirm'
import { Scroll } from '../ui/Scroll'
import { Problem } from '../ui/Status'
import Preview from './email/Preview'
import Sends from './email/Sends'
import SendingSettings from './email/Settings'
import Suppressions from './email/Suppressions'

export default function Email() {
  const { t } = useI18n()
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('emailTitle')}</h1>
      <p class="muted">{t('emailIntro')}</p>
      <Rules />
      <Programs />
      <Schedule />
      <Figures />
      <SendingSettings />
      <Sends />
      <Suppressions />
      <Preview />
    </section>
  )
}

const windowText = (w: SendWindow, t: (k: Weekday) => string) =>
  `${w.days.map((d) => t(d)).join(', ')} ${w.from}–${w.to}`

function Rules() {
  const { t } = useI18n()
  const app = useApp()
  const rules = useData('email-rules', () => call('GET /v1/email/rules'))
  const [editing, setEditing] = useState<EmailRule | 'new'>()
  const [removing, setRemoving] = useState<EmailRule>()
  const [error, setError] = useState<Error>()
  const surveyName = (id: string) => app.surveys.find((s) => s.id === id)?.name ?? id
  return (
    <div class="card">
      <h2 id="email-rules">{t('emailRules')}</h2>
      {rules.error && <Problem error={rules.error} retry={rules.reload} />}
      {rules.data && rules.data.data.length === 0 && <p>{t('emailRulesNone')}</p>}
      {rules.data && rules.data.data.length > 0 && (
        <Scroll label={t('emailRules')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('emailEventType')}</th>
                <th scope="col">{t('emailSurvey')}</th>
                <th scope="col">{t('emailDelay')}</th>
                <th scope="col">{t('emailWindowDays')}</th>
                <th scope="col">{t('emailReminder')}</th>
                {app.canWrite && <td />}
              </tr>
            </thead>
            <tbody>
              {rules.data.data.map((r) => (
                <tr key={r.id} data-testid={`rule-${r.id}`}>
                  <td>
                    <code>{r.eventType}</code>
                  </td>
                  <td>{surveyName(r.surveyId)}</td>
                  <td>{r.delayMinutes}</td>
                  <td>{windowText(r.window, t)}</td>
                  <td>{r.reminderAfterDays}</td>
                  {app.canWrite && (
                    <td class="actions">
                      <button type="button" onClick={() => setEditing(r)}>
                        {t('emailRuleEdit')}
                        <span class="sr-only"> {r.eventType}</span>
                      </button>
                      <button type="button" class="danger" onClick={() => setRemoving(r)}>
                        {t('emailRuleDelete')}
                        <span class="sr-only"> {r.eventType}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {app.canWrite &&
        (editing ? (
          <RuleForm
            rule={editing === 'new' ? undefined : editing}
            onDone={() => {
              setEditing(undefined)
              rules.reload()
            }}
          />
        ) : (
          app.surveys.length > 0 && (
            <button type="button" class="primary" onClick={() => setEditing('new')}>
              {t('emailRuleAdd')}
            </button>
          )
        ))}
      {error && <Problem error={error} />}
      {removing && (
        <Confirm
          title={t('emailRuleDelete')}
          text={t('emailRuleDeleteConfirm', { type: removing.eventType })}
          confirm={t('emailRuleDelete')}
          onConfirm={() =>
            call('DELETE /v1/email/rules/{id}', { params: { id: removing.id } }).then(
              rules.reload,
              (e: unknown) => setError(asError(e)),
            )
          }
          onClose={() => setRemoving(undefined)}
        />
      )}
    </div>
  )
}

function WindowFields({
  value,
  onChange,
}: {
  value: SendWindow
  onChange: (w: SendWindow) => void
}) {
  const { t } = useI18n()
  return (
    <>
      <fieldset>
        <legend>{t('emailWindowDays')}</legend>
        {WEEKDAYS.map((d) => (
          <label class="check" key={d}>
            <input
              type="checkbox"
              checked={value.days.includes(d)}
              onChange={(e) =>
                onChange({
                  ...value,
                  days: e.currentTarget.checked
                    ? WEEKDAYS.filter((x) => x === d || value.days.includes(x))
                    : value.days.filter((x) => x !== d),
                })
              }
            />
            <span>{t(d)}</span>
          </label>
        ))}
      </fieldset>
      <label>
        <span>{t('emailWindowFrom')}</span>
        <input
          type="time"
          required
          value={value.from}
          onInput={(e) => onChange({ ...value, from: e.currentTarget.value })}
        />
      </label>
      <label>
        <span>{t('emailWindowTo')}</span>
        <input
          type="time"
          required
          value={value.to}
          onInput={(e) => onChange({ ...value, to: e.currentTarget.value })}
        />
      </label>
    </>
  )
}

function SurveySelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useI18n()
  const app = useApp()
  return (
    <label>
      <span>{t('emailSurvey')}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {app.surveys.map((s) => (
          <option value={s.id}>{s.name}</option>
        ))}
      </select>
    </label>
  )
}

function RuleForm({ rule, onDone }: { rule?: EmailRule; onDone: () => void }) {
  const { t } = useI18n()
  const app = useApp()
  const [eventType, setEventType] = useState(rule?.eventType ?? 'order.delivered')
  const [surveyId, setSurveyId] = useState(rule?.surveyId ?? app.survey?.id ?? app.surveys[0]!.id)
  const [delay, setDelay] = useState(String(rule?.delayMinutes ?? 2880))
  const [reminder, setReminder] = useState(String(rule?.reminderAfterDays ?? 3))
  const [window, setWindow] = useState<SendWindow>(rule?.window ?? WORKING_HOURS)
  const [error, setError] = useState<Error>()
  const submit = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    const body = {
      eventType: eventType.trim(),
      surveyId,
      delayMinutes: Number(delay),
      window,
      reminderAfterDays: Number(reminder),
    }
    try {
      if (rule) await call('PATCH /v1/email/rules/{id}', { params: { id: rule.id }, body })
      else await call('POST /v1/email/rules', { body })
      onDone()
    } catch (err) {
      setError(asError(err))
    }
  }
  return (
    <form class="stack" onSubmit={submit} aria-labelledby="rule-form">
      <h3 id="rule-form">
        {rule ? `${t('emailRuleEdit')}: ${rule.eventType}` : t('emailRuleAdd')}
      </h3>
      <label>
        <span>{t('emailEventType')}</span>
        <input
          required
          maxLength={64}
          value={eventType}
          onInput={(e) => setEventType(e.currentTarget.value)}
        />
      </label>
      <SurveySelect value={surveyId} onChange={setSurveyId} />
      <label>
        <span>{t('emailDelay')}</span>
        <input
          type="number"
          min={0}
          required
          value={delay}
          onInput={(e) => setDelay(e.currentTarget.value)}
        />
      </label>
      <WindowFields value={window} onChange={setWindow} />
      <label>
        <span>{t('emailReminder')}</span>
        <input
          type="number"
          min={0}
          max={30}
          required
          value={reminder}
          onInput={(e) => setReminder(e.currentTarget.value)}
        />
      </label>
      <p class="actions">
        <button type="submit" class="primary">
          {t('emailRuleSave')}
        </button>
        <button type="button" onClick={onDone}>
          {t('emailCancel')}
        </button>
      </p>
      {error && <Problem error={error} />}
    </form>
  )
}

function Programs() {
  const { t } = useI18n()
  const app = useApp()
  const programs = useData('email-programs', () => call('GET /v1/email/programs'))
  const [error, setError] = useState<Error>()
  const toggle = (p: EmailProgram) =>
    call('PATCH /v1/email/programs/{id}', {
      params: { id: p.id },
      body: { state: p.state === 'active' ? 'paused' : 'active' },
    }).then(programs.reload, (e: unknown) => setError(asError(e)))
  return (
    <div class="card">
      <h2 id="email-programs">{t('emailPrograms')}</h2>
      {programs.error && <Problem error={programs.error} retry={programs.reload} />}
      {programs.data && programs.data.data.length === 0 && <p>{t('emailProgramsNone')}</p>}
      {programs.data?.data.map((p) => (
        <p key={p.id} data-testid={`program-${p.id}`}>
          <strong>{app.surveys.find((s) => s.id === p.surveyId)?.name ?? p.surveyId}</strong>
          {' · '}
          {t('emailEvery')} {t('emailEveryDays', { n: String(p.everyDays) })} · {t('emailDailyCap')}{' '}
          {p.dailyCap} · {windowText(p.window, t)}{' '}
          <span class="badge">{p.state === 'active' ? t('emailActive') : t('emailPaused')}</span>{' '}
          {app.canWrite && (
            <button type="button" onClick={() => toggle(p)}>
              {p.state === 'active' ? t('emailPause') : t('emailResume')}
            </button>
          )}
        </p>
      ))}
      {app.canWrite && app.surveys.length > 0 && <ProgramForm onDone={programs.reload} />}
      {error && <Problem error={error} />}
    </div>
  )
}

function ProgramForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n()
  const app = useApp()
  const [surveyId, setSurveyId] = useState(app.survey?.id ?? app.surveys[0]!.id)
  const [everyDays, setEveryDays] = useState<90 | 180 | 365>(90)
  const [cap, setCap] = useState('100')
  const [error, setError] = useState<Error>()
  const submit = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    try {
      await call('POST /v1/email/programs', {
        body: { surveyId, everyDays, dailyCap: Number(cap) },
      })
      onDone()
    } catch (err) {
      setError(asError(err))
    }
  }
  return (
    <form class="stack" onSubmit={submit} aria-labelledby="program-form">
      <h3 id="program-form">{t('emailProgramAdd')}</h3>
      <SurveySelect value={surveyId} onChange={setSurveyId} />
      <label>
        <span>{t('emailEvery')}</span>
        <select
          value={String(everyDays)}
          onChange={(e) => {
            const v = Number(e.currentTarget.value)
            setEveryDays(v === 365 ? 365 : v === 180 ? 180 : 90)
          }}
        >
          {[90, 180, 365].map((n) => (
            <option value={String(n)}>{t('emailEveryDays', { n: String(n) })}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('emailDailyCap')}</span>
        <input
          type="number"
          min={1}
          required
          value={cap}
          onInput={(e) => setCap(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="primary">
        {t('emailProgramAdd')}
      </button>
      {error && <Problem error={error} />}
    </form>
  )
}

function Schedule() {
  const { t, lang } = useI18n()
  const schedule = useData('email-schedule', () =>
    call('GET /v1/email/schedule', { query: { days: 14 } }),
  )
  return (
    <div class="card">
      <h2 id="email-schedule">{t('emailSchedule')}</h2>
      {schedule.error && <Problem error={schedule.error} retry={schedule.reload} />}
      {schedule.data && (
        <Scroll label={t('emailSchedule')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('emailDay')}</th>
                <th scope="col">{t('emailScheduled')}</th>
              </tr>
            </thead>
            <tbody>
              {schedule.data.data.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td>{int(lang, d.scheduled)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </div>
  )
}

function Figures() {
  const { t, lang } = useI18n()
  const stats = useData('email-stats', () => call('GET /v1/email/stats', { query: {} }))
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? '–' : `${num(lang, v)} %`
  const s = stats.data
  return (
    <div class="card">
      <h2 id="email-figures">{t('emailFigures')}</h2>
      {stats.error && <Problem error={stats.error} retry={stats.reload} />}
      {s && s.channels.length === 0 && <p>{t('emailNoFigures')}</p>}
      {s && s.channels.length > 0 && (
        <Scroll label={t('emailFigures')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('emailChannel')}</th>
                <th scope="col">{t('emailSent')}</th>
                <th scope="col">{t('emailAnswered')}</th>
                <th scope="col">{t('emailRate')}</th>
                <th scope="col">{t('emailInterval')}</th>
              </tr>
            </thead>
            <tbody>
              {s.channels.map((c) => (
                <tr key={c.channel}>
                  <td>{c.channel}</td>
                  <td>{int(lang, c.sent)}</td>
                  <td>{int(lang, c.answered)}</td>
                  <td>{pct(c.responseRate)}</td>
                  <td>{c.ci95 ? `${pct(c.ci95.low)} – ${pct(c.ci95.high)}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {s && s.email.answered > 0 && (
        <p>
          {t('emailReminderShare', {
            n: String(s.email.reminders.answersAfterReminder),
            of: String(s.email.answered),
            share: pct(s.email.reminders.shareOfAnswers),
          })}
        </p>
      )}
    </div>
  )
}

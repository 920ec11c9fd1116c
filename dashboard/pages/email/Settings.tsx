// The project's sending settings (PATCH /v1/project): the cooldown across every channel, the
// reply-to of survey emails and the time zone of send windows. Owners and admins may change them.
import { useState } from 'preact/hooks'
import type { ProjectSettings } from '../../../schema/project'
import { call } from '../../lib/api'
import { useApp } from '../../lib/context'
import { asError } from '../../lib/errors'
import { useI18n } from '../../lib/i18n'
import { useData } from '../../lib/use-data'
import { Problem } from '../../ui/Status'

export default function Settings() {
  const { t } = useI18n()
  const project = useData('project-settings', () => call('GET /v1/project'))
  return (
    <section class="card" aria-labelledby="email-settings-title">
      <h2 id="email-settings-title">{t('emailSettingsTitle')}</h2>
      <p class="muted">{t('emailSettingsIntro')}</p>
      {project.error && <Problem error={project.error} retry={project.reload} />}
      {project.data && <SettingsForm settings={project.data} onSaved={project.reload} />}
    </section>
  )
}

function SettingsForm({ settings, onSaved }: { settings: ProjectSettings; onSaved: () => void }) {
  const { t } = useI18n()
  const app = useApp()
  const [cooldown, setCooldown] = useState(String(settings.cooldownDays))
  const [replyTo, setReplyTo] = useState(settings.emailReplyTo ?? '')
  const [timeZone, setTimeZone] = useState(settings.timeZone)
  const [error, setError] = useState<Error>()
  const [saved, setSaved] = useState(false)
  const submit = async (e: Event) => {
    e.preventDefault()
    setError(undefined)
    setSaved(false)
    try {
      await call('PATCH /v1/project', {
        body: {
          cooldownDays: Number(cooldown),
          emailReplyTo: replyTo.trim() || null,
          timeZone: timeZone.trim(),
        },
      })
      setSaved(true)
      onSaved()
    } catch (err) {
      setError(asError(err))
    }
  }
  return (
    <form class="stack" onSubmit={submit}>
      <label>
        <span>{t('emailCooldownDays')}</span>
        <input
          type="number"
          min={0}
          max={365}
          required
          disabled={!app.canWrite}
          value={cooldown}
          onInput={(e) => setCooldown(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('emailReplyTo')}</span>
        <input
          type="email"
          maxLength={320}
          disabled={!app.canWrite}
          value={replyTo}
          onInput={(e) => setReplyTo(e.currentTarget.value)}
        />
      </label>
      <label>
        <span>{t('emailTimeZone')}</span>
        <input
          required
          maxLength={64}
          disabled={!app.canWrite}
          value={timeZone}
          onInput={(e) => setTimeZone(e.currentTarget.value)}
        />
      </label>
      {app.canWrite && (
        <button type="submit" class="primary">
          {t('emailSettingsSave')}
        </button>
      )}
      {saved && <p role="status">{t('emailSettingsSaved')}</p>}
      {error && <Problem error={error} />}
    </form>
  )
}

// Decides whether to show a survey (config, throttle, sampling, eligibility, trigger) and only
// then loads the UI chunk. One survey at a time: show() replaces, hide() removes.
import { api, flush, mergeQueued, send, setBase } from './queue'
import { contacted, sampled, throttled } from './throttle'
import { whenTriggered } from './trigger'
import type { MountContext, PublicSurvey, ShowOptions, UiModule } from './types'

interface Config {
  base: string
  nonce?: string
  defaults: ShowOptions
  loadUi?: () => Promise<UiModule>
}

const config: Config = { base: '', defaults: {} }
let stop: (() => void) | undefined

export function configure(c: Partial<Config>) {
  Object.assign(config, c)
  setBase(config.base)
  void flush()
}

/** A read (or the eligibility question): never queued; null on any failure. */
const ask = (path: string, body?: object) =>
  api(path, body && 'POST', body)
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null)

export const amend: MountContext['amend'] = async (clientId, serverId, patch) =>
  mergeQueued(clientId, patch) ||
  send(`/v1/public/responses/${serverId ?? clientId}`, 'PATCH', patch)

export function hide() {
  stop?.()
  stop = undefined
}

export async function show(options: ShowOptions = {}): Promise<void> {
  hide()
  const o = { ...config.defaults, ...options }
  if (!o.surveyId) return
  let alive = true
  let cancel: (() => void) | undefined
  // After the visitor closed the UI, a later hide() calls this again: unmounting twice is a no-op.
  stop = () => {
    alive = false
    cancel?.()
  }
  const id = encodeURIComponent(o.surveyId)
  const survey: PublicSurvey | null = await ask(`/v1/public/surveys/${id}`)
  if (!alive || !survey || throttled(survey) || !sampled(survey)) return
  if (o.customerId) {
    const e = await ask(`/v1/public/surveys/${id}/eligibility`, {
      customerId: o.customerId,
      customerHash: o.customerHash,
    })
    if (!alive || !e?.eligible) return
  }
  cancel = whenTriggered(survey.trigger, async () => {
    const ui = await config.loadUi?.().catch(() => undefined)
    if (!alive || !ui) return
    cancel = ui.mount({
      survey,
      options: o,
      nonce: config.nonce,
      send,
      amend,
      contacted: () => contacted(survey),
    })
  })
}

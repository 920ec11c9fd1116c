// What the loader decides before any UI loads: throttle, sampling, eligibility, trigger; the
// retry queue; the script tag and the embed snippet's queue; styles and the UUID fallback.
import { fireEvent, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DAY_MS } from '../../schema/constants'
import { BASE, BUILDS, FakeWorker, host, pageView, radios, reset, survey, widget } from './helpers'

const [, loadSources] = BUILDS[0]
const settle = () => new Promise((r) => setTimeout(r, 30))

afterEach(reset)

describe('throttle and sampling', () => {
  it('does not ask the same browser again within throttleDays after an answer, and asks after', async () => {
    const worker = new FakeWorker(survey({ throttleDays: 30 }))
    const loadUi = vi.fn(loadSources)
    let kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    fireEvent.click(radios(await widget())[8])
    await waitFor(() => expect(worker.writes('/v1/public/responses')).toHaveLength(1))
    kp.hide()

    kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    await settle()
    expect(host()).toBeNull()
    expect(loadUi).toHaveBeenCalledTimes(1) // the UI chunk is not even loaded
    expect(document.cookie).toBe('') // localStorage, never cookies

    // 31 days later
    const later = Date.now() + 31 * DAY_MS
    vi.spyOn(Date, 'now').mockReturnValue(later)
    kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    await widget()
  })

  it('asks again at once when the survey has throttleDays 0', async () => {
    const worker = new FakeWorker(survey({ throttleDays: 0 }))
    let kp = await pageView(worker, loadSources, { surveyId: 'srv_test' })
    await kp.show()
    fireEvent.click(radios(await widget())[8])
    kp.hide()
    kp = await pageView(worker, loadSources, { surveyId: 'srv_test' })
    await kp.show()
    await widget()
  })

  it('samples once per browser: with sampleRate 0 nobody is asked, with 1 everybody', async () => {
    const loadUi = vi.fn(loadSources)
    let kp = await pageView(new FakeWorker(survey({ sampleRate: 0 })), loadUi, {
      surveyId: 'srv_test',
    })
    await kp.show()
    await settle()
    expect(host()).toBeNull()
    expect(loadUi).not.toHaveBeenCalled()

    localStorage.setItem('kp:r:srv_test', '0.42')
    kp = await pageView(new FakeWorker(survey({ sampleRate: 0.4 })), loadUi, {
      surveyId: 'srv_test',
    })
    await kp.show()
    await settle()
    expect(host()).toBeNull()
    kp = await pageView(new FakeWorker(survey({ sampleRate: 0.5 })), loadUi, {
      surveyId: 'srv_test',
    })
    await kp.show()
    await widget()
  })

  it('asks the worker whether a known customer may be asked, and stays silent when not', async () => {
    const worker = new FakeWorker(survey())
    worker.eligible = false
    const loadUi = vi.fn(loadSources)
    let kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show({ customerId: 'cus_1', customerHash: 'abc' })
    await settle()
    expect(host()).toBeNull()
    // The UI chunk was fetched alongside the question (cached for next time), but not shown.
    expect(loadUi).toHaveBeenCalledTimes(1)
    const ask = worker.calls.find((c) => c.path === '/v1/public/surveys/srv_test/eligibility')
    expect(ask).toMatchObject({
      method: 'POST',
      body: { customerId: 'cus_1', customerHash: 'abc' },
    })

    worker.eligible = true
    kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show({ customerId: 'cus_1', customerHash: 'abc' })
    fireEvent.click(radios(await widget())[0])
    await waitFor(() =>
      expect(worker.writes('/v1/public/responses')[0]?.body).toMatchObject({
        customerId: 'cus_1',
        customerHash: 'abc',
      }),
    )
  })

  it('shows nothing for an unknown survey or when the worker is down', async () => {
    const loadUi = vi.fn(loadSources)
    const kp = await pageView(new FakeWorker(), loadUi, { surveyId: 'srv_nope' })
    await kp.show()
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')))
    await kp.show({ surveyId: 'srv_test' })
    await settle()
    expect(host()).toBeNull()
    expect(loadUi).not.toHaveBeenCalled()
  })
})

describe('the config', () => {
  it('never shows a survey whose config is refused for the page’s origin, and warns once, naming the origin and the setting', async () => {
    const worker = new FakeWorker(survey())
    worker.originRefused = true
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const loadUi = vi.fn(loadSources)
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    await settle()
    expect(host()).toBeNull()
    expect(loadUi).not.toHaveBeenCalled()
    expect(worker.writes()).toEqual([])
    expect(warn).toHaveBeenCalledTimes(1)
    const said = warn.mock.calls[0].join(' ')
    expect(said).toContain('Kundepuls')
    expect(said).toContain(location.origin)
    expect(said).toContain('allowedOrigins')
  })

  it("asks for the config with the visitor's languages, best first, and needs no other request to show", async () => {
    const worker = new FakeWorker(survey())
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['sv-SE', 'en'])
    document.documentElement.lang = 'de-AT'
    const kp = await pageView(worker, loadSources, { surveyId: 'srv_test' })
    await kp.show({ locale: 'da' })
    const w = await widget()
    expect(w.getByRole('button', { name: 'Luk' })).toBeTruthy()
    // The impression goes once the survey is painted (issue 21.2): waited for.
    await waitFor(() =>
      expect(worker.calls.map((c) => `${c.method} ${c.path}${c.search}`)).toEqual([
        `GET /v1/public/surveys/srv_test?locale=${encodeURIComponent('da,de-AT,sv-SE,en')}`,
        'POST /v1/public/impressions',
      ]),
    )
  })
})

describe('trigger', () => {
  it('waits for a matching path, re-checked after SPA navigation, then for the delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    const start = location.href
    history.replaceState(null, '', '/products/1')
    const worker = new FakeWorker(
      survey({ trigger: { delayMs: 3000, urlMatch: '/checkout/*/done' } }),
    )
    const loadUi = vi.fn(loadSources)
    const kp = await pageView(worker, loadUi, { surveyId: 'srv_test' })
    await kp.show()
    // The UI chunk is fetched once the browser may be asked; it shows only when the trigger holds.
    expect(loadUi).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(5000)
    expect(host()).toBeNull()

    history.pushState(null, '', '/checkout/42/done')
    await vi.advanceTimersByTimeAsync(2000)
    history.pushState(null, '', '/products/2') // left before the delay was over
    await vi.advanceTimersByTimeAsync(5000)
    expect(host()).toBeNull()

    history.pushState(null, '', '/checkout/43/done')
    await vi.advanceTimersByTimeAsync(2900)
    expect(host()).toBeNull()
    await vi.advanceTimersByTimeAsync(700)
    expect(host()).not.toBeNull()
    expect(loadUi).toHaveBeenCalledTimes(1)
    vi.useRealTimers()
    await widget()
    history.replaceState(null, '', start)
  })

  it('cancels a pending trigger on hide()', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    const loadUi = vi.fn(loadSources)
    const kp = await pageView(new FakeWorker(survey({ trigger: { delayMs: 1000 } })), loadUi, {
      surveyId: 'srv_test',
    })
    await kp.show()
    kp.hide()
    await vi.advanceTimersByTimeAsync(2000)
    expect(host()).toBeNull()
  })
})

describe('never loses an answer', () => {
  it.each(['network', 503, 429, 408] as const)(
    'keeps a send that fails (%s) in localStorage and retries it with backoff, with the same id',
    async (failure) => {
      const worker = new FakeWorker(survey())
      const kp = await pageView(worker, loadSources, { surveyId: 'srv_test' })
      await kp.show()
      const w = await widget()
      await waitFor(() => expect(worker.writes('/v1/public/impressions')).toHaveLength(1))
      worker.fail = failure
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      fireEvent.click(radios(w)[6])
      await vi.advanceTimersByTimeAsync(0)
      const queued = JSON.parse(localStorage.getItem('kp:q')!)
      expect(queued).toHaveLength(1)
      expect(queued[0]).toMatchObject({ p: '/v1/public/responses', m: 'POST', b: { score: 6 } })
      const id = queued[0].b.id
      expect(
        await w.findByText('You seem to be offline. Your answer is kept and will be sent later.'),
      ).toBeTruthy()

      // The reason joins the queued answer instead of a PATCH that would overtake it.
      fireEvent.input(w.getByPlaceholderText('Tell us in your own words (optional)'), {
        target: { value: 'Slow' },
      })
      fireEvent.click(w.getByRole('button', { name: 'Send' }))
      await vi.advanceTimersByTimeAsync(0)
      expect(JSON.parse(localStorage.getItem('kp:q')!)[0].b).toMatchObject({ id, reason: 'Slow' })

      await vi.advanceTimersByTimeAsync(1000) // first retry after 1 s: fails again
      await vi.advanceTimersByTimeAsync(1000) // the second waits 2 s
      const tries = worker.writes('/v1/public/responses').length
      expect(tries).toBe(2)
      worker.fail = null
      await vi.advanceTimersByTimeAsync(1100)
      const posts = worker.writes('/v1/public/responses')
      expect(posts).toHaveLength(3)
      expect(new Set(posts.map((p) => p.body.id))).toEqual(new Set([id]))
      expect(posts[2].body).toMatchObject({ id, score: 6, reason: 'Slow' })
      expect(JSON.parse(localStorage.getItem('kp:q')!)).toEqual([])
      expect(worker.writes('/v1/public/responses/')).toHaveLength(0)
    },
  )

  it('sends what an earlier page view kept, in order, on the next page view', async () => {
    const worker = new FakeWorker(survey())
    worker.fail = 'network'
    let kp = await pageView(worker, loadSources, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    fireEvent.click(radios(w)[10])
    await waitFor(() =>
      expect(JSON.parse(localStorage.getItem('kp:q') ?? '[]').length).toBeGreaterThanOrEqual(2),
    )
    kp.hide()
    const id = JSON.parse(localStorage.getItem('kp:q')!).find(
      (i: any) => i.p === '/v1/public/responses',
    ).b.id

    worker.fail = null
    worker.calls = []
    kp = await pageView(worker, loadSources) // no survey on this page: only the queue is sent
    await waitFor(() => expect(JSON.parse(localStorage.getItem('kp:q')!)).toEqual([]))
    expect(worker.writes().map((c) => c.path)).toEqual([
      '/v1/public/impressions',
      '/v1/public/responses',
    ])
    expect(worker.writes('/v1/public/responses')[0].body.id).toBe(id)
  })

  it('drops a send the worker refuses (4xx): retrying cannot help', async () => {
    const worker = new FakeWorker(survey())
    const kp = await pageView(worker, loadSources, { surveyId: 'srv_test' })
    await kp.show()
    const w = await widget()
    worker.fail = 400
    fireEvent.click(radios(w)[3])
    await waitFor(() => expect(worker.writes('/v1/public/responses')).toHaveLength(1))
    await waitFor(() => expect(JSON.parse(localStorage.getItem('kp:q')!)).toEqual([]))
  })

  it('makes RFC 4122 v4 UUIDs without crypto.randomUUID (plain-http pages)', async () => {
    const real = globalThis.crypto
    vi.stubGlobal('crypto', {
      getRandomValues: (a: Uint8Array<ArrayBuffer>) => real.getRandomValues(a),
    })
    const { uuid } = await import('../../widget/lib/uuid')
    const ids = Array.from({ length: 50 }, uuid)
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(50)
  })
})

describe('styles', () => {
  it('adopts a constructable stylesheet (no <style>), resets the host, and uses no rem', async () => {
    const kp = await pageView(new FakeWorker(survey()), loadSources, { surveyId: 'srv_test' })
    await kp.show()
    await widget()
    const root = host()!.shadowRoot!
    expect(root.adoptedStyleSheets).toHaveLength(1)
    expect(root.querySelector('style')).toBeNull()
    const { CSS } = await import('../../widget/ui/styles')
    expect(CSS).toContain(':host{all:initial!important')
    expect(CSS).toContain('prefers-color-scheme:dark')
    // The entry animation runs only for visitors who do not ask for reduced motion.
    expect(CSS).toMatch(/@media \(prefers-reduced-motion:no-preference\)\{\.c\{animation:/)
    expect(CSS).not.toMatch(/^\.c\{[^}]*animation/m)
    expect(CSS).not.toMatch(/\d+rem\b/)
  })

  it('falls back to a <style> with the nonce from data-nonce where adoptedStyleSheets is missing', async () => {
    const { applyStyles } = await import('../../widget/ui/styles')
    // A shadow root as in Safari < 16.4: no adoptedStyleSheets.
    const appended: HTMLStyleElement[] = []
    applyStyles(
      { append: (s: HTMLStyleElement) => appended.push(s) } as unknown as ShadowRoot,
      'n0nce',
    )
    const style = appended[0]
    expect(style.nonce || style.getAttribute('nonce')).toBe('n0nce')
    expect(style.textContent).toContain(':host{all:initial!important')
  })
})

describe('loader (widget.js)', () => {
  it('reads its script tag, exposes Kundepuls.show/hide and replays calls queued by the embed snippet', async () => {
    const worker = new FakeWorker(survey({ id: 'srv_tag' }), survey({ id: 'srv_api' }))
    vi.stubGlobal('fetch', worker.fetch)
    const script = document.createElement('script')
    script.src = `${BASE}/widget.js`
    script.dataset.survey = 'srv_tag'
    script.dataset.touchpoint = 'support'
    script.dataset.nonce = 'abc'
    Object.defineProperty(document, 'currentScript', { value: script, configurable: true })
    // The README's snippet, as run before widget.js arrived:
    const w = window as any
    w.Kundepuls = {
      q: [],
      show() {
        this.q.push(['show', arguments])
      },
      hide() {
        this.q.push(['hide', arguments])
      },
    }
    w.Kundepuls.show({ surveyId: 'srv_api', customerId: 'cus_9' })
    vi.resetModules()
    await import('../../widget/loader')
    expect(typeof w.Kundepuls.show).toBe('function')
    expect(typeof w.Kundepuls.hide).toBe('function')
    expect(w.Kundepuls.q).toBeUndefined()
    await waitFor(() =>
      expect(worker.calls.some((c) => c.path === '/v1/public/surveys/srv_api/eligibility')).toBe(
        true,
      ),
    )
    // The queued show() replaced the automatic one from data-survey.
    expect(worker.calls.some((c) => c.path === '/v1/public/surveys/srv_tag')).toBe(false)
    w.Kundepuls.hide()
    delete (document as any).currentScript
    delete w.Kundepuls
  })
})

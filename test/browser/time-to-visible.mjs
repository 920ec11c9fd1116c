// How soon the widget is visible, from the page's own records: the moment its score scale is in
// the DOM and the page's resource timing. Plain JS so that
// the browser tests and `npm run bench` (node, no TypeScript) share one definition.

/**
 * For page.addInitScript: records `window.__kpVisible` (performance.now()) the moment the score
 * scale enters the widget's shadow root. Synchronous, by wrapping the DOM insertion methods: a
 * MutationObserver reports a microtask later, after the widget's own first requests have started,
 * and later still when the main thread is busy.
 */
export function visibleProbe() {
  const roots = []
  const attach = Element.prototype.attachShadow
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init)
    if (this.localName === 'kundepuls-widget') roots.push(root)
    return root
  }
  const check = () => {
    if (!window.__kpVisible && roots.some((r) => r.querySelector('[role=radiogroup]')))
      window.__kpVisible = performance.now()
  }
  for (const name of ['appendChild', 'insertBefore']) {
    const original = Node.prototype[name]
    Node.prototype[name] = function (...args) {
      const result = original.apply(this, args)
      if (roots.length) check()
      return result
    }
  }
}

/** For page.evaluate once visible: the visible time and the page's resource timing entries. */
export function pageTimings() {
  return {
    visibleAt: window.__kpVisible ?? null,
    entries: performance
      .getEntriesByType('resource')
      .map((e) => ({ name: e.name, startTime: e.startTime, responseEnd: e.responseEnd })),
  }
}

/**
 * Requests in series before the widget was visible: the longest chain of requests to `origin`,
 * ended before it was visible, each of which started only after the one before it had ended.
 * Returns the chain (paths) and the time from widget.js's end to visible (ms).
 */
export function seriesBeforeVisible({ visibleAt, entries }, origin) {
  if (visibleAt == null) throw new Error('the widget never became visible')
  const ours = entries
    .filter((e) => e.name.startsWith(origin) && e.responseEnd <= visibleAt)
    .sort((a, b) => a.startTime - b.startTime)
  const chains = []
  for (const e of ours) {
    let best = []
    for (let j = 0; j < chains.length; j++)
      if (ours[j].responseEnd <= e.startTime && chains[j].length > best.length) best = chains[j]
    chains.push([...best, e])
  }
  const chain = chains.reduce((a, b) => (b.length > a.length ? b : a), [])
  const script = ours.find((e) => /\/widget\.js$/.test(new URL(e.name).pathname))
  return {
    chain: chain.map((e) => new URL(e.name).pathname + new URL(e.name).search),
    series: chain.length,
    scriptEndToVisible: script ? visibleAt - script.responseEnd : null,
  }
}

/**
 * For page.addInitScript(optionProbe, { selector }): the same moments for any survey widget, ours
 * or a peer's, so that `npm run bench -- widget-visible` compares like with like. Records in
 * `window.__kpProbe`: `inDom` (performance.now()) when an element matching `selector` whose text
 * is "9" (the score 9) is connected to the page (its shadow roots included), checked synchronously
 * on every insertion into a connected node; `visible`, the first animation frame after that in
 * which it has a box inside the viewport drawn at ≥ 50 % opacity (the product of its and its
 * ancestors' computed opacity, through shadow hosts), also marked as `kp-visible` for traces; and
 * `longTasks` before visible.
 */
export function optionProbe({ selector }) {
  const roots = [document]
  const probe = (window.__kpProbe = { inDom: null, visible: null, longTasks: [] })
  // Awaited by page.evaluate: no polling on the page's main thread while it is measured.
  let seen
  window.__kpProbeVisible = new Promise((resolve) => (seen = resolve))
  const attach = Element.prototype.attachShadow
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init)
    roots.push(root)
    return root
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (probe.visible == null || e.startTime < probe.visible)
          probe.longTasks.push({ startTime: e.startTime, duration: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
  const nine = () => {
    for (const r of roots)
      for (const el of r.querySelectorAll(selector)) if (el.textContent.trim() === '9') return el
  }
  const opacity = (el) => {
    let o = 1
    const up = (n) => (n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode)
    for (let n = el; n && n.nodeType === 1; n = up(n)) {
      const s = getComputedStyle(n)
      if (s.visibility === 'hidden' || s.display === 'none') return 0
      o *= Number(s.opacity)
    }
    return o
  }
  const frame = () => {
    const el = nine()
    const r = el?.getBoundingClientRect()
    const inView =
      r && r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight
    if (inView && r.left < innerWidth && opacity(el) >= 0.5) {
      probe.visible = performance.now()
      performance.mark('kp-visible')
      seen()
    } else requestAnimationFrame(frame)
  }
  const check = () => {
    if (probe.inDom == null && nine()) {
      probe.inDom = performance.now()
      requestAnimationFrame(frame)
    }
  }
  for (const name of ['appendChild', 'insertBefore', 'append', 'prepend', 'replaceChildren']) {
    const original = Node.prototype[name] ?? Element.prototype[name]
    const owner = Node.prototype[name] ? Node.prototype : Element.prototype
    owner[name] = function (...args) {
      const result = original.apply(this, args)
      if (probe.inDom == null && this.isConnected) check()
      return result
    }
  }
  // innerHTML and text changes (a peer may render by markup): the next frame at the latest.
  new MutationObserver(check).observe(document, { childList: true, subtree: true })
}

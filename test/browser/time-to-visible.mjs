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

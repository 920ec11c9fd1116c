// When to show: once the page path matches the survey's pattern and the delay has passed.
// Single-page apps change the path without a page load, so the path is re-checked twice a second
// while waiting: unlike patching history.pushState, that also sees routers which kept a reference
// to the original pushState, and it costs one string comparison.
import type { PublicSurvey } from './types'

type Trigger = PublicSurvey['trigger']

/** `*` matches any characters; everything else literally, against the whole path. Every
 * non-word character is escaped: outside unicode mode `\` before any of them is an identity
 * escape (ECMA-262 Annex B.1.2), and it is shorter than listing the special ones. */
export const pathMatches = (pattern: string | undefined, path: string) =>
  !pattern ||
  new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/\W/g, '\\$&'))
        .join('.*') +
      '$',
  ).test(path)

/** Calls `fire` once the trigger holds; returns a function that cancels the wait. */
export function whenTriggered(trigger: Trigger, fire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const check = () => {
    if (!pathMatches(trigger.urlMatch, location.pathname)) timer = void clearTimeout(timer)
    else timer ??= setTimeout(() => (stop(), fire()), trigger.delayMs)
  }
  const poll = setInterval(check, 500)
  const stop = () => {
    clearTimeout(timer)
    clearInterval(poll)
  }
  check()
  return stop
}

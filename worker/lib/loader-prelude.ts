// The statement a per-survey loader (GET /widget.js?survey=…) has in front of widget.js. Apart
// from worker/services/widget-loader.ts so that the widget's tests can run it in happy-dom.
import type { WidgetPreload } from '../../schema/survey'

/**
 * widget/lib/types.ts Preloaded, as ES5 source, wrapped around a WidgetPreload `p`: the config,
 * once, for survey `i` on the page origin the worker checked, when the page's languages `t`
 * (best first) pick the locale the worker chose, by resolveLocale's rule (schema/i18n.ts) with
 * its table `p.m`; else undefined, and the widget asks the config route as before. It travels
 * here rather than in widget.js, whose 1.5 KB budget it would not fit (test/widget/budget).
 */
const HAND_OUT =
  'function(p){return function(i,t){var s=p&&p.s,m=p&&p.m,l,k=0;' +
  'if(!s||s.id!=i||p.o!=location.origin)return;p=0;' +
  'for(;!l&&k<t.length;k++)l=t[k]&&m[t[k].trim().toLowerCase().split(/[-_]/)[0]];' +
  'return(l||"en")==s.locale?s:void 0}}'

/** The statement in front of widget.js: sets the running script element's `kp` (Preloaded).
 * The config goes in as a JSON string: JSON.parse reads it faster than the JavaScript parser
 * reads the same object literal (https://v8.dev/blog/cost-of-javascript-2019#json). */
export const preludeOf = (preload: WidgetPreload | undefined) =>
  preload
    ? `(document.currentScript||{}).kp=(${HAND_OUT})(JSON.parse(${JSON.stringify(JSON.stringify(preload))}));\n`
    : ''

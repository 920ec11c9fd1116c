// The widget's CSS. Adopted as a constructable stylesheet, which a CSP without 'unsafe-inline'
// allows; a <style nonce> only where adoptedStyleSheets is missing (Safari < 16.4).
// px and em only: a page's `html { font-size }` must not resize us, so no rem.
// :host rules are !important because a page's `* { … !important }` beats normal :host rules
// (CSS Cascade 4: for important declarations the shadow context wins, for normal ones the page);
// `all:initial!important` resets every other property of the host, inherited ones included.
// The × sits in the top corner over the card's padding: text beside it keeps 32px clear
// (padding-inline-end), and the follow-up step, which opens with the compact scale, starts that
// scale below it (.sc margin-top; test/browser/widget-layout.test.ts measures every step from 320
// to 1440px). The 0–10 scale is one row at every width: 26px a button at 360px, 22px at 320px,
// where the 4px gaps still keep targets 24px apart (WCAG 2.5.8).
// The entry animation only slides (translate, on the compositor), and only for visitors who do
// not ask for reduced motion: it never fades in from opacity 0, so the first frame painted
// already shows the survey (issue 21.2).
export const CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;z-index:var(--kp-z,2147483000)!important;bottom:calc(16px + var(--kp-kb,0px))!important;right:16px!important;width:400px!important;max-width:calc(100vw - 32px)!important;--b:var(--kp-brand,#4338ca);--on:var(--kp-on-brand,#fff);--bg:var(--kp-bg,#fff);--fg:var(--kp-fg,#1f2937);--mu:var(--kp-muted,#4b5563);--bd:var(--kp-border,#6b7280);--r:var(--kp-radius,12px)}
:host([data-side=left]){right:auto!important;left:16px!important}
@media (prefers-color-scheme:dark){:host{--b:var(--kp-brand-dark,#a5b4fc);--on:var(--kp-on-brand-dark,#111827);--bg:var(--kp-bg-dark,#1f2937);--fg:var(--kp-fg-dark,#f9fafb);--mu:var(--kp-muted-dark,#d1d5db);--bd:var(--kp-border-dark,#9ca3af)}}
*{box-sizing:border-box}
.c{position:relative;font:15px/1.45 var(--kp-font,system-ui,sans-serif);color:var(--fg);background:var(--bg);border:1px solid var(--bd);border-radius:var(--r);padding:16px;box-shadow:0 8px 28px #0004}
@keyframes i{from{translate:0 12px}}
.q,.f{display:block;margin:0 0 12px;padding-inline-end:32px;font-weight:600}
.x{position:absolute;top:8px;inset-inline-end:8px;width:32px;height:32px;border:0;border-radius:8px;background:none;color:var(--mu);cursor:pointer;padding:8px}
.s{display:grid;gap:4px;grid-template-columns:repeat(var(--n),minmax(0,1fr))}
.n11{--n:11}.n7{--n:7}.n5{--n:5}
.o,.btn,textarea,.m input{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--bd);border-radius:calc(var(--r)/2)}
.o,.btn{font-weight:600;min-height:40px;cursor:pointer}
.o{padding:0}
.o:hover{border-color:var(--b)}
.o[aria-checked=true],.btn{background:var(--b);border-color:var(--b);color:var(--on)}
.sc{margin:28px 0 12px}.sc .o{min-height:28px;font-size:.85em}
.v{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.e{display:flex;justify-content:space-between;gap:12px;margin-top:6px;font-size:.8em;color:var(--mu)}
.e :last-child{text-align:end}
:focus-visible{outline:2px solid var(--b);outline-offset:2px}
textarea{display:block;width:100%;min-height:84px;resize:vertical;padding:8px 10px}
.k{display:flex;gap:8px;margin-top:10px;font-size:.9em}
.k input{margin:3px 0 0;accent-color:var(--b)}
.m{display:block;margin-top:10px;font-size:.9em}.m input{display:block;width:100%;margin-top:4px;padding:8px 10px}
.a,.l{display:flex;gap:8px;justify-content:flex-end;flex-wrap:wrap;margin-top:12px}
.l{flex-direction:column}
.btn{padding:8px 16px;text-decoration:none;display:flex;align-items:center;justify-content:center}
.g{background:none;color:var(--fg);border-color:var(--bd)}
svg{display:block}
.t{margin:0;padding-inline-end:32px;font-weight:600;outline:0}
.n{margin:8px 0 0;font-size:.85em;color:var(--mu)}
.n:empty{margin:0}
@media (max-width:480px){:host,:host([data-side]){left:0!important;right:0!important;bottom:var(--kp-kb,0px)!important;width:auto!important;max-width:none!important}.c{border-radius:var(--r) var(--r) 0 0;border-width:1px 0 0;padding-bottom:calc(16px + env(safe-area-inset-bottom))}.o{min-height:44px}}
@media (prefers-reduced-motion:no-preference){.c{animation:i .2s ease-out}}
`

export function applyStyles(root: ShadowRoot, nonce?: string) {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(CSS)
    root.adoptedStyleSheets = [sheet]
  } else {
    const style = document.createElement('style')
    if (nonce) style.nonce = nonce
    style.textContent = CSS
    root.append(style)
  }
}

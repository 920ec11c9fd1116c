// The hosted survey page's only stylesheet, inlined and allowed by its hash in the CSP.
// Light and dark follow the system; targets are at least 24 × 24 px (WCAG 2.5.8) at 320 px width.
export const PAGE_CSS = `:root{color-scheme:light dark;--bg:#f3f4f7;--card:#fff;--fg:#1d2330;--muted:#535c6e;--line:#b9bfcb;--accent:#2451c7;--on-accent:#fff;--error:#b3261e}
@media (prefers-color-scheme:dark){:root{--bg:#111419;--card:#1c2129;--fg:#eef0f4;--muted:#aab2c0;--line:#465063;--accent:#8aa8ff;--on-accent:#0b1020;--error:#ffb4ab}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;display:flex;justify-content:center;align-items:flex-start;padding:2.5rem 1rem}
.card{width:100%;max-width:36rem;background:var(--card);border-radius:12px;padding:1.75rem 1.5rem;box-shadow:0 1px 3px rgba(0,0,0,.14)}
h1{font-size:1.25rem;line-height:1.35;margin:0 0 1rem}
p{margin:0 0 1rem}
.card>:last-child{margin-bottom:0}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
legend{padding:0}
.scores{display:grid;grid-template-columns:repeat(var(--n),minmax(0,1fr));gap:.375rem}
.n11{--n:11}.n7{--n:7}.n5{--n:5}
.score{position:relative;display:block}
.score input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.score span{display:flex;align-items:center;justify-content:center;height:2.75rem;border:1px solid var(--line);border-radius:8px;font-weight:600;font-variant-numeric:tabular-nums}
.score input:hover+span{border-color:var(--accent)}
.score input:checked+span{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
.score input:focus-visible+span,textarea:focus-visible,button:focus-visible,a:focus-visible,.consent input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.scale{display:flex;justify-content:space-between;gap:1rem;margin:.5rem 0 0;color:var(--muted);font-size:.875rem}
.scale span:last-child{text-align:end}
.prompt{display:block;font-weight:600;margin:0 0 .5rem}
textarea{display:block;width:100%;min-height:6.5rem;font:inherit;color:inherit;background:transparent;border:1px solid var(--line);border-radius:8px;padding:.625rem .75rem;resize:vertical}
.consent{display:flex;gap:.5rem;align-items:flex-start;margin:.875rem 0 1.5rem;font-size:.9375rem}
.consent input{width:1.25rem;height:1.25rem;margin:.125rem 0 0;flex:none;accent-color:var(--accent)}
button,.button{display:inline-block;min-height:2.75rem;padding:.625rem 1.5rem;border:1px solid var(--accent);border-radius:8px;background:var(--accent);color:var(--on-accent);font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.button.quiet{background:transparent;color:var(--accent)}
.error{color:var(--error);font-weight:600;margin:.5rem 0 0}
.status{min-height:1.5em;margin:.75rem 0 0;color:var(--muted)}
.links{display:flex;flex-wrap:wrap;gap:.75rem}
@media (max-width:480px){body{padding:0}.card{min-height:100vh;border-radius:0;box-shadow:none;padding:1.5rem .875rem}.scores{gap:.1875rem}.score span{height:2.5rem;font-size:.875rem;border-radius:6px}}`

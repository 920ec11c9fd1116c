// Which methods a path is served with, read from the app's own routes: a known path asked with
// another method (TRACE, PUT where only PATCH exists, …) answers 405 with Allow (RFC 9110
// §15.5.6); an unknown path stays 404.
import { RegExpRouter } from 'hono/router/reg-exp-router'
import { SmartRouter } from 'hono/router/smart-router'
import { TrieRouter } from 'hono/router/trie-router'

export function allowedMethods(routes: readonly { method: string; path: string }[]) {
  // Hono's own default router, so a path matches here exactly when it would match there (strict
  // about a trailing slash: /v1/surveys/ is no path of ours, so it stays 404).
  const router = new SmartRouter<string>({ routers: [new RegExpRouter(), new TrieRouter()] })
  const methods = new Set<string>()
  for (const { method, path } of routes) {
    // ALL is middleware (app.use): it serves nothing by itself.
    if (method === 'ALL') continue
    router.add(method, path, method)
    methods.add(method)
  }
  /** The methods served at this path, sorted, HEAD wherever GET is (Hono answers it). */
  return (path: string): string[] => {
    const allow = new Set([...methods].filter((m) => router.match(m, path)[0].length > 0))
    if (allow.has('GET')) allow.add('HEAD')
    return [...allow].sort()
  }
}

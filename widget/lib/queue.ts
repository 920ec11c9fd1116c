// Never loses an answer: every write is put in a queue in localStorage first (with its id, so the
// server stores it once), then sent. One that fails on the network, with a 5xx or a 429 stays and
// is retried with backoff, and again on the next page view. Items go in order, so a PATCH never
// overtakes its POST.
import { read, write } from './storage'
import type { Reply, WriteBody } from './types'

export interface Item {
  /** path, e.g. /v1/public/responses */
  p: string
  m: 'POST' | 'PATCH'
  b: WriteBody & { id?: string }
  /** key of this item */
  k: number
}

const KEY = 'kp:q'
let base = ''
let mem: Item[] = [] // used when localStorage is unavailable
let busy = false
let sending = 0 // key of the item on its way: too late to merge into
let timer: ReturnType<typeof setTimeout> | undefined
let attempt = 0
const waiting = new Map<number, (body?: Reply) => void>()

export const setBase = (url: string) => {
  base = url
}

export const pending = (): Item[] => read<Item[]>(KEY) ?? mem
// 50 items: far more than a visitor makes; a bound keeps a broken endpoint from filling storage.
const save = (items: Item[]) => write(KEY, (mem = items.slice(-50)))

/** A fetch of our API; a GET without method. */
export const api = (p: string, m?: string, b?: object) =>
  fetch(
    base + p,
    m
      ? { method: m, headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }
      : undefined,
  )

/** One write: resolves the JSON body; null on a permanent refusal (4xx); throws when retriable. */
async function request(item: Item): Promise<Reply> {
  const res = await api(item.p, item.m, item.b)
  // 408, 429 and 5xx are worth another try; any other refusal is for good (issue 17.5).
  if (res.status > 499 || res.status == 429 || res.status == 408) throw 0
  return res.ok ? res.json() : null
}

/** Sends the queued items in order until one fails, then schedules a retry with backoff. */
export async function flush(): Promise<void> {
  if (busy) return
  busy = true
  try {
    let items = pending()
    while (items.length) {
      const { k } = items[0]
      sending = k
      let body
      try {
        body = await request(items[0])
        waiting.get(k)?.(body)
        attempt = 0
      } catch {
        // Whoever waits learns it is queued (undefined); 1 s, 2 s, 4 s … up to 5 minutes.
        waiting.forEach((resolve) => resolve())
        waiting.clear()
        clearTimeout(timer)
        timer = setTimeout(flush, Math.min(1e3 * 2 ** attempt++, 3e5))
        return
      }
      waiting.delete(k)
      // Re-read: the UI may have queued or amended items meanwhile (or another tab sent some).
      // An answer stored under an earlier answer's id (same customer and ref) takes the writes
      // queued for it along: a reason PATCHed to the client's id would find nothing.
      const was = items[0].b.id
      const now = body?.id
      items = pending().filter((i) => i.k !== k)
      if (was && now && was != now) for (const i of items) i.p = i.p.replace(was, now)
      save(items)
    }
  } finally {
    busy = false
    sending = 0
  }
}

/** Queues one write and sends it: resolves to its JSON body, null if refused (4xx: never retried),
 * undefined while it stays queued for a retry. */
export function send(p: string, m: Item['m'], b: Item['b']): Promise<Reply> {
  const k = Math.random()
  save([...pending(), { p, m, b, k }])
  const result = new Promise<Reply>((resolve) => waiting.set(k, resolve))
  void flush()
  return result
}

/** Adds fields to a queued POST of this id; false when it is not queued or is on its way. */
export function mergeQueued(id: string, patch: object): boolean {
  const items = pending()
  const queued = items.find((i) => i.m === 'POST' && i.b.id === id && i.k !== sending)
  if (queued) (Object.assign(queued.b, patch), save(items))
  return !!queued
}

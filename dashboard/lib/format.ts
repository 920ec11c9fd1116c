// Numbers and dates in the reader's language; figures keep the API's decimals.
import type { Lang } from './messages'

const nf = new Map<string, Intl.NumberFormat>()
export function num(lang: Lang, v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined) return '–'
  const key = `${lang}:${digits}`
  let f = nf.get(key)
  if (!f)
    nf.set(
      key,
      (f = new Intl.NumberFormat(lang, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })),
    )
  return f.format(v)
}

export const int = (lang: Lang, v: number) => new Intl.NumberFormat(lang).format(v)

export function dateTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso))
}

export function day(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(iso),
  )
}

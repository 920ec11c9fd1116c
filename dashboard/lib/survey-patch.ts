// What the survey editor sends on Save: only the fields of SurveyPatch (schema/survey.ts) whose
// value differs from the survey as loaded. The API refuses unknown keys (id, createdAt, kind, …),
// and sending only the changes keeps a colleague's edit of another field intact.
import type { SurveyCreate, SurveyPatch } from '../../schema/survey'

/** Every key SurveyPatch accepts; the check below fails to compile when the schema gains one. */
const PATCH_KEYS = [
  'name',
  'texts',
  'throttleDays',
  'sampleRate',
  'allowedOrigins',
  'referralUrl',
  'reviewUrl',
  'trigger',
  'segmentKeys',
  'cooldownDays',
] as const satisfies readonly (keyof SurveyPatch)[]
type Unlisted = Exclude<keyof SurveyPatch, (typeof PATCH_KEYS)[number]>
const allListed: [Unlisted] extends [never] ? true : Unlisted = true
void allListed

/** Structural equality of JSON values; object key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  )
}

/** The changed SurveyPatch fields of `next` against `loaded`; {} when nothing changed. */
export function surveyPatch(loaded: SurveyCreate, next: SurveyCreate): SurveyPatch {
  const patch: SurveyPatch = {}
  const copy = <K extends (typeof PATCH_KEYS)[number]>(k: K) => {
    if (!sameJson(loaded[k], next[k])) patch[k] = next[k]
  }
  PATCH_KEYS.forEach(copy)
  return patch
}

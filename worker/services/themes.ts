// GET /v1/themes: the most mentioned terms of the reasons in a window, each with its share of the
// reasons and its lean towards negative answers, from the term rollups.
import { CATEGORIES } from '../../schema/constants'
import { leanOf } from '../../schema/lean'
import { round, share, type Polarity } from '../../schema/scoring'
import type { Themes, ThemesQuery } from '../../schema/themes'
import { findSurvey } from '../db/surveys'
import { readTerms, type TermRow } from '../db/terms'
import { notFound, validationError } from '../lib/problem'
import type { Ctx } from '../context'

const BY_INDEX: Polarity[] = ['positive', 'neutral', 'negative']

/** The example answer ids of a term, latest first ('YYYY-MM-DD id' strings from the read). */
function examplesOf(row: TermRow): string[] {
  const stamped = [row.example_negative, row.example_positive, row.example_neutral]
    .filter((e): e is string => e !== null)
    .sort()
    .reverse()
  return [...new Set(stamped.map((e) => e.slice(11)))]
}

export async function computeThemes(
  ctx: Ctx,
  q: ThemesQuery,
): Promise<{ body: Themes; rowsRead: number }> {
  const { db: d1, projectId } = ctx
  const survey = await findSurvey(d1, projectId, q.surveyId, { includeArchived: true })
  if (!survey) throw notFound('Survey')
  const categories: readonly string[] = CATEGORIES[survey.kind]
  const index = q.category === undefined ? -1 : categories.indexOf(q.category)
  if (q.category !== undefined && index < 0) {
    throw validationError([
      {
        path: 'query.category',
        message: `a ${survey.kind} survey's categories are ${categories.join(', ')}`,
      },
    ])
  }
  const { rows, rowsRead } = await readTerms(
    d1,
    {
      surveyId: survey.id,
      from: q.from,
      to: q.to,
      touchpoint: q.touchpoint,
      polarity: index < 0 ? undefined : BY_INDEX[index],
    },
    q.limit,
  )
  const reasons = rows.find((r) => r.term === '')?.count ?? 0
  const themes = rows
    .filter((r) => r.term !== '' && r.count > 0)
    .slice(0, q.limit)
    .map((r) => {
      const lean = leanOf(
        { negative: r.negative, positive: r.positive, all: r.positive + r.neutral + r.negative },
        {
          negative: r.total_negative,
          positive: r.total_positive,
          all: r.total_positive + r.total_neutral + r.total_negative,
        },
      )
      return {
        term: r.term,
        count: r.count,
        share: share(r.count, reasons) ?? 0,
        lean: round(lean.logOdds, 2),
        leanZ: round(lean.z, 2),
        examples: examplesOf(r),
      }
    })
  const body: Themes = {
    surveyId: survey.id,
    from: q.from ?? null,
    to: q.to ?? null,
    touchpoint: q.touchpoint ?? null,
    category: q.category ?? null,
    reasons,
    themes,
  }
  return { body, rowsRead }
}

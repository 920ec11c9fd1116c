// Shapes of API answers the schema declares only as zod values: inferred here, as types only.
import type { z } from 'zod'
import type {
  AtRiskList as AtRiskListSchema,
  CustomerAnswers as CustomerAnswersSchema,
} from '../../schema/customers'
import type { SurveyList as SurveyListSchema } from '../../schema/survey'
import type { Erased as ErasedSchema } from '../../schema/customers'

export type SurveyList = z.infer<typeof SurveyListSchema>
export type AtRiskList = z.infer<typeof AtRiskListSchema>
export type CustomerAnswers = z.infer<typeof CustomerAnswersSchema>
export type Erased = z.infer<typeof ErasedSchema>

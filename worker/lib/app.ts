// Every router (and the app itself) is an OpenAPIHono whose failed validations answer as problem+json.
import { OpenAPIHono, type OpenAPIHonoOptions } from '@hono/zod-openapi'
import type { AppEnv } from '../env'
import { problemResponse, zodProblems } from './problem'

type ValidationHook = NonNullable<OpenAPIHonoOptions<AppEnv>['defaultHook']>

/** The default validation hook: 400 problem+json listing every failing field. */
export const problemHook: ValidationHook = (result) => {
  if (!result.success) {
    const prefix = result.target === 'json' || result.target === 'form' ? undefined : result.target
    return problemResponse(
      'validation_failed',
      'The request has invalid fields.',
      zodProblems(result.error, prefix),
    )
  }
}

export function createApp() {
  return new OpenAPIHono<AppEnv>({ defaultHook: problemHook })
}

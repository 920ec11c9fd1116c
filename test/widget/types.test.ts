// The widget's public types are zod-free (the npm package ships them alone); they must still
// say what the API accepts. tsc -b checks these; vitest runs them as a formality.
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { Properties } from '../../schema/fields'
import type { ImpressionInput } from '../../schema/impression'
import type {
  PublicResponseInput,
  PublicResponsePatch,
  ResponseAccepted,
} from '../../schema/response'
import type { ShowOptions } from '../../widget/lib/show-options'
import type { show, ShowOptions as PackageShowOptions } from '../../widget/npm/index'
import type { MountContext } from '../../widget/lib/types'
import type { send } from '../../widget/lib/queue'

describe('ShowOptions', () => {
  it('takes the same properties and customer fields as a public answer', () => {
    expectTypeOf<NonNullable<ShowOptions['properties']>>().toEqualTypeOf<Properties>()
    expectTypeOf<
      Pick<ShowOptions, 'touchpoint' | 'ref' | 'customerId' | 'customerHash' | 'email'>
    >().toEqualTypeOf<
      Pick<PublicResponseInput, 'touchpoint' | 'ref' | 'customerId' | 'customerHash' | 'email'>
    >()
  })
})

describe('the widget’s writes', () => {
  it('send bodies in the API’s own types and resolve to a typed reply, never any', () => {
    expectTypeOf<Parameters<MountContext['send']>[2]>().toEqualTypeOf<
      PublicResponseInput | PublicResponsePatch | ImpressionInput
    >()
    expectTypeOf<ReturnType<MountContext['send']>>().toEqualTypeOf<
      Promise<Pick<ResponseAccepted, 'id'> | null | undefined>
    >()
    expectTypeOf<ReturnType<typeof send>>().toEqualTypeOf<ReturnType<MountContext['send']>>()
  })
})

describe('the npm package’s show()', () => {
  it('requires a surveyId (a package has no data-survey to fall back on), and takes the rest as the script tag does', () => {
    expectTypeOf<PackageShowOptions['surveyId']>().toEqualTypeOf<string>()
    expectTypeOf<Omit<PackageShowOptions, 'surveyId'>>().toEqualTypeOf<
      Omit<ShowOptions, 'surveyId'>
    >()
    expectTypeOf<Parameters<typeof show>>().toEqualTypeOf<[options: PackageShowOptions]>()
    // @ts-expect-error: surveyId is required
    const noSurvey: PackageShowOptions = { touchpoint: 'purchase' }
    expect(noSurvey).toBeDefined()
  })
})

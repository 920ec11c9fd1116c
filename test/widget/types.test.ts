// The widget's public types are zod-free (the npm package ships them alone); they must still
// say what the API accepts. tsc -b checks these; vitest runs them as a formality.
import { describe, expectTypeOf, it } from 'vitest'
import type { Properties } from '../../schema/fields'
import type { PublicResponseInput } from '../../schema/response'
import type { ShowOptions } from '../../widget/lib/show-options'

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

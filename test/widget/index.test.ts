// widget/index.ts is the widget's whole public surface (CONVENTIONS §1): show and hide, plus types.
import { describe, expect, it } from 'vitest'
import * as widget from '../../widget/index'

describe('the widget public surface', () => {
  it('offers exactly show and hide', () => {
    expect(Object.keys(widget).sort()).toEqual(['hide', 'show'])
    expect(typeof widget.show).toBe('function')
    expect(typeof widget.hide).toBe('function')
  })
})

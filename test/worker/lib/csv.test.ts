import { describe, expect, it } from 'vitest'
import { csvCell, csvLine, csvStream } from '../../../worker/lib/csv'

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+31 6 1234', "'+31 6 1234"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['plain', 'plain'],
    ['', ''],
  ])('writes %j as %j', (input, output) => {
    expect(csvCell(input)).toBe(output)
  })

  it('writes null as empty, booleans and numbers as text, objects as JSON', () => {
    expect(csvLine([null, undefined, true, 7, { a: '=x' }])).toBe(',,true,7,"{""a"":""=x""}"\r\n')
  })
})

describe('csvStream', () => {
  it('writes the header, then every page until the cursor runs out', async () => {
    const pages = [
      [['a', 1]],
      [],
      [
        ['b', 2],
        ['c', 3],
      ],
    ]
    const stream = csvStream<unknown[], number>(
      ['k', 'v'],
      (r) => r,
      async (cursor) => {
        const i = cursor ?? 0
        return { rows: pages[i], next: i + 1 < pages.length ? i + 1 : null }
      },
    )
    expect(await new Response(stream).text()).toBe('k,v\r\na,1\r\nb,2\r\nc,3\r\n')
  })
})

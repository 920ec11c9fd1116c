// Chart colours come from the page's CSS custom properties, so light and dark themes (and their
// contrast checks) live in one stylesheet.
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'
}

export const palette = () => ({
  ink: cssVar('--ink'),
  card: cssVar('--card'),
  muted: cssVar('--muted'),
  grid: cssVar('--grid'),
  accent: cssVar('--accent'),
  band: cssVar('--band'),
  positive: cssVar('--positive'),
  neutral: cssVar('--neutral'),
  negative: cssVar('--negative'),
})

/** NPS axis: the data's span padded to tens, never beyond −100…100 (a fixed −100…100 flattens
 * every real trend into a line). */
export const npsRange = (_u: unknown, min: number | null, max: number | null): [number, number] => [
  Math.max(-100, Math.floor((min ?? 0) / 10) * 10 - 10),
  Math.min(100, Math.ceil((max ?? 0) / 10) * 10 + 10),
]

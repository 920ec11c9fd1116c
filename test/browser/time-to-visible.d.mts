export interface TimingEntry {
  name: string
  startTime: number
  responseEnd: number
}
export interface PageTimings {
  visibleAt: number | null
  entries: TimingEntry[]
}
export declare function visibleProbe(): void
export declare function pageTimings(): PageTimings
export declare function seriesBeforeVisible(
  timings: PageTimings,
  origin: string,
): { chain: string[]; series: number; scriptEndToVisible: number | null }

// What every page knows: who is signed in (scope, project) and the project's surveys.
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { Session } from '../../schema/keys'
import type { Survey } from '../../schema/survey'

export interface AppState {
  session: Session
  surveys: Survey[]
  /** The survey the pages show: ?survey=…, else the one last chosen here, else the newest. */
  survey: Survey | undefined
  /** Full scope: write controls are shown. A read-only session never sees them. */
  canWrite: boolean
  reloadSurveys: () => void
  /** Negative answers not yet closed, across all surveys (the nav's count); `more`: past one page. */
  followUps: { count: number; more: boolean } | undefined
  reloadFollowUps: () => void
  signOut: () => void
}

export const AppContext = createContext<AppState | null>(null)

export function useApp(): AppState {
  const s = useContext(AppContext)
  if (!s) throw new Error('useApp outside the signed-in app')
  return s
}

// Types of scripts/demo/answers.mjs for the TypeScript tests that seed with it.
export declare function demoAnswers(
  surveyId: string,
  now?: number,
  count?: number,
): Array<Record<string, unknown> & { id: string; score: number; customerId?: string }>
export declare function earlierAnswers(
  surveyId: string,
  now?: number,
  count?: number,
): Array<Record<string, unknown> & { id: string; score: number }>

// Writes dist/public/demo.html from widget/demo.html with the demo survey's id filled in.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'

export function writeDemoPage(demo) {
  mkdirSync('dist/public', { recursive: true })
  const template = existsSync('widget/demo.html')
    ? readFileSync('widget/demo.html', 'utf8')
    : '<!doctype html><title>Kundepuls demo</title><p>Survey %SURVEY_ID% is ready; the widget is not built yet.</p>'
  writeFileSync('dist/public/demo.html', template.replaceAll('%SURVEY_ID%', demo.surveyId))
}

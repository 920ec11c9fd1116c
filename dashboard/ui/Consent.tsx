// Whether the customer may be contacted about an answer, and how (a mailto link when an address
// came with the consent): the inbox card and the answer page say it the same way.
import type { Response } from '../../schema/response'
import { useI18n } from '../lib/i18n'

export function Consent({ answer: a }: { answer: Response }) {
  const { t } = useI18n()
  if (!a.contactConsent) return <>{t('notConsented')}</>
  return (
    <>
      {t('consented')}
      {a.email && (
        <>
          {': '}
          <a href={`mailto:${a.email}`}>{a.email}</a>
        </>
      )}
    </>
  )
}

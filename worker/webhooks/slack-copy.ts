// The words of a Slack alert, in the survey's first locale (English when it has none we know).
import { LOCALES, type Category, type Locale, type WebhookEvent } from '../../schema/constants'

export interface SlackCopy {
  category: Record<Category, string>
  event: Record<WebhookEvent, string>
  score: string
  reason: string
  noReason: string
  touchpoint: string
  ref: string
  customer: string
  survey: string
  followUp: string
  open: string
  test: string
}

// Order: promoter, passive, detractor, easy, neutral, difficult, satisfied, unsatisfied.
const cat = (w: string): Record<Category, string> => {
  const [promoter, passive, detractor, easy, neutral, difficult, satisfied, unsatisfied] =
    w.split('|')
  return { promoter, passive, detractor, easy, neutral, difficult, satisfied, unsatisfied }
}
// Order: response.created, response.updated, followup.updated, followup.overdue.
const ev = (w: string): Record<WebhookEvent, string> => {
  const [created, updated, followup, overdue] = w.split('|')
  return {
    'response.created': created,
    'response.updated': updated,
    'followup.updated': followup,
    'followup.overdue': overdue,
  }
}
// Order: score, reason, noReason, touchpoint, ref, customer, survey, followUp, open, test.
function copy(c: string, e: string, rest: string): SlackCopy {
  const [score, reason, noReason, touchpoint, ref, customer, survey, followUp, open, test] =
    rest.split('|')
  const r = { score, reason, noReason, touchpoint, ref, customer, survey, followUp, open, test }
  return { category: cat(c), event: ev(e), ...r }
}

export const SLACK_COPY: Record<Locale, SlackCopy> = {
  en: copy(
    'Promoter|Passive|Detractor|Easy|Neutral|Difficult|Satisfied|Unsatisfied',
    'New answer|Changed answer|Follow-up updated|Follow-up overdue',
    'Score|Reason|No reason given|Touchpoint|Ref|Customer|Survey|Follow-up|Open the answer|Test alert from Kundepuls: this channel is connected.',
  ),
  da: copy(
    'Ambassadør|Passiv|Kritiker|Let|Neutral|Svært|Tilfreds|Utilfreds',
    'Nyt svar|Ændret svar|Opfølgning opdateret|Opfølgning forfalden',
    'Score|Begrundelse|Ingen begrundelse|Kontaktpunkt|Reference|Kunde|Undersøgelse|Opfølgning|Åbn svaret|Testbesked fra Kundepuls: kanalen er forbundet.',
  ),
  nb: copy(
    'Ambassadør|Passiv|Kritiker|Enkelt|Nøytral|Vanskelig|Fornøyd|Misfornøyd',
    'Nytt svar|Endret svar|Oppfølging oppdatert|Oppfølging forfalt',
    'Poeng|Begrunnelse|Ingen begrunnelse|Kontaktpunkt|Referanse|Kunde|Undersøkelse|Oppfølging|Åpne svaret|Testvarsel fra Kundepuls: kanalen er koblet til.',
  ),
  sv: copy(
    'Ambassadör|Passiv|Kritiker|Enkelt|Neutral|Svårt|Nöjd|Missnöjd',
    'Nytt svar|Ändrat svar|Uppföljning uppdaterad|Uppföljning försenad',
    'Poäng|Motivering|Ingen motivering|Kontaktpunkt|Referens|Kund|Undersökning|Uppföljning|Öppna svaret|Testavisering från Kundepuls: kanalen är ansluten.',
  ),
  de: copy(
    'Promotor|Passiver|Kritiker|Einfach|Neutral|Schwierig|Zufrieden|Unzufrieden',
    'Neue Antwort|Geänderte Antwort|Nachverfolgung aktualisiert|Nachverfolgung überfällig',
    'Bewertung|Begründung|Keine Begründung|Kontaktpunkt|Referenz|Kunde|Umfrage|Nachverfolgung|Antwort öffnen|Testmeldung von Kundepuls: Dieser Kanal ist verbunden.',
  ),
  fr: copy(
    'Promoteur|Passif|Détracteur|Facile|Neutre|Difficile|Satisfait|Insatisfait',
    'Nouvelle réponse|Réponse modifiée|Suivi mis à jour|Suivi en retard',
    'Note|Raison|Aucune raison donnée|Point de contact|Référence|Client|Enquête|Suivi|Ouvrir la réponse|Alerte de test de Kundepuls : ce canal est connecté.',
  ),
  es: copy(
    'Promotor|Pasivo|Detractor|Fácil|Neutral|Difícil|Satisfecho|Insatisfecho',
    'Nueva respuesta|Respuesta modificada|Seguimiento actualizado|Seguimiento vencido',
    'Puntuación|Motivo|Sin motivo|Punto de contacto|Referencia|Cliente|Encuesta|Seguimiento|Abrir la respuesta|Alerta de prueba de Kundepuls: este canal está conectado.',
  ),
  nl: copy(
    'Promotor|Passief|Criticaster|Makkelijk|Neutraal|Moeilijk|Tevreden|Ontevreden',
    'Nieuw antwoord|Gewijzigd antwoord|Opvolging bijgewerkt|Opvolging te laat',
    'Score|Reden|Geen reden opgegeven|Contactmoment|Referentie|Klant|Enquête|Opvolging|Antwoord openen|Testmelding van Kundepuls: dit kanaal is verbonden.',
  ),
  fi: copy(
    'Suosittelija|Passiivinen|Arvostelija|Helppo|Neutraali|Vaikea|Tyytyväinen|Tyytymätön',
    'Uusi vastaus|Muutettu vastaus|Seuranta päivitetty|Seuranta myöhässä',
    'Pisteet|Perustelu|Ei perustelua|Kosketuspiste|Viite|Asiakas|Kysely|Seuranta|Avaa vastaus|Kundepulsin testihälytys: kanava on yhdistetty.',
  ),
  ar: copy(
    'مروّج|محايد|منتقد|سهل|محايد|صعب|راضٍ|غير راضٍ',
    'إجابة جديدة|إجابة معدّلة|تم تحديث المتابعة|المتابعة متأخرة',
    'الدرجة|السبب|لم يُذكر سبب|نقطة التواصل|المرجع|العميل|الاستطلاع|المتابعة|فتح الإجابة|تنبيه تجريبي من Kundepuls: هذه القناة متصلة.',
  ),
  he: copy(
    'ממליץ|פסיבי|מלעיז|קל|ניטרלי|קשה|מרוצה|לא מרוצה',
    'תשובה חדשה|תשובה ששונתה|המעקב עודכן|המעקב באיחור',
    'ציון|סיבה|לא ניתנה סיבה|נקודת מגע|אסמכתא|לקוח|סקר|מעקב|פתיחת התשובה|התראת בדיקה מ-Kundepuls: הערוץ מחובר.',
  ),
}

/** The copy for a locale tag ('da-DK' → da), English when unknown. */
export function slackCopyFor(tag: string | undefined): SlackCopy {
  const base = tag?.toLowerCase().split('-')[0]
  const known = LOCALES.find((l) => l === base)
  return known ? SLACK_COPY[known] : SLACK_COPY.en
}

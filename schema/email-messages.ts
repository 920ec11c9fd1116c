// The survey email's own words in every supported locale (the question and its labels come from
// the survey, schema/survey-copy.ts). `{company}` is the project's name.
import type { Locale } from './constants'

export interface EmailMessages {
  subject: string
  reminderSubject: string
  intro: string
  reminderIntro: string
  /** Under the scale: what a click does (nothing is recorded until the page's Send). */
  clickHint: string
  /** Footer: why this email came. */
  why: string
  unsubscribe: string
  /** The unsubscribe page (GET /u/:token): a question and one button; the answer after POST. */
  unsubscribeQuestion: string
  unsubscribeButton: string
  unsubscribed: string
  unsubscribeInvalid: string
}

const en: EmailMessages = {
  subject: 'A quick question from {company}',
  reminderSubject: 'Reminder: a quick question from {company}',
  intro: '{company} would like to know how we did. Pick a number; it takes a minute.',
  reminderIntro: 'We would still love to hear from you. Pick a number; it takes a minute.',
  clickHint: 'A click opens a page where you can add a comment and send your answer.',
  why: 'You receive this email because of your recent contact with {company}.',
  unsubscribe: 'Unsubscribe from these surveys',
  unsubscribeQuestion: 'Stop survey emails from {company}?',
  unsubscribeButton: 'Unsubscribe',
  unsubscribed: 'You are unsubscribed. {company} will send you no more survey emails.',
  unsubscribeInvalid: 'This unsubscribe link is invalid or has expired.',
}

const da: EmailMessages = {
  subject: 'Et hurtigt spørgsmål fra {company}',
  reminderSubject: 'Påmindelse: et hurtigt spørgsmål fra {company}',
  intro: '{company} vil gerne vide, hvordan vi klarede det. Vælg et tal; det tager et minut.',
  reminderIntro: 'Vi vil stadig gerne høre fra dig. Vælg et tal; det tager et minut.',
  clickHint: 'Et klik åbner en side, hvor du kan skrive en kommentar og sende dit svar.',
  why: 'Du får denne e-mail på grund af din nylige kontakt med {company}.',
  unsubscribe: 'Afmeld disse undersøgelser',
  unsubscribeQuestion: 'Stop undersøgelses-e-mails fra {company}?',
  unsubscribeButton: 'Afmeld',
  unsubscribed: 'Du er afmeldt. {company} sender dig ikke flere undersøgelses-e-mails.',
  unsubscribeInvalid: 'Dette afmeldingslink er ugyldigt eller udløbet.',
}

const nb: EmailMessages = {
  subject: 'Et raskt spørsmål fra {company}',
  reminderSubject: 'Påminnelse: et raskt spørsmål fra {company}',
  intro: '{company} vil gjerne vite hvordan vi gjorde det. Velg et tall; det tar et minutt.',
  reminderIntro: 'Vi vil fortsatt gjerne høre fra deg. Velg et tall; det tar et minutt.',
  clickHint: 'Et klikk åpner en side der du kan legge til en kommentar og sende svaret.',
  why: 'Du får denne e-posten på grunn av din nylige kontakt med {company}.',
  unsubscribe: 'Meld deg av disse undersøkelsene',
  unsubscribeQuestion: 'Stoppe undersøkelses-e-poster fra {company}?',
  unsubscribeButton: 'Meld av',
  unsubscribed: 'Du er meldt av. {company} sender deg ikke flere undersøkelses-e-poster.',
  unsubscribeInvalid: 'Denne avmeldingslenken er ugyldig eller utløpt.',
}

const sv: EmailMessages = {
  subject: 'En snabb fråga från {company}',
  reminderSubject: 'Påminnelse: en snabb fråga från {company}',
  intro: '{company} vill gärna veta hur vi gjorde. Välj en siffra; det tar en minut.',
  reminderIntro: 'Vi vill fortfarande gärna höra från dig. Välj en siffra; det tar en minut.',
  clickHint: 'Ett klick öppnar en sida där du kan lägga till en kommentar och skicka ditt svar.',
  why: 'Du får det här mejlet på grund av din senaste kontakt med {company}.',
  unsubscribe: 'Avregistrera dig från dessa enkäter',
  unsubscribeQuestion: 'Sluta ta emot enkätmejl från {company}?',
  unsubscribeButton: 'Avregistrera',
  unsubscribed: 'Du är avregistrerad. {company} skickar inga fler enkätmejl till dig.',
  unsubscribeInvalid: 'Den här avregistreringslänken är ogiltig eller har gått ut.',
}

const de: EmailMessages = {
  subject: 'Eine kurze Frage von {company}',
  reminderSubject: 'Erinnerung: eine kurze Frage von {company}',
  intro:
    '{company} möchte wissen, wie zufrieden Sie waren. Wählen Sie eine Zahl; es dauert eine Minute.',
  reminderIntro: 'Wir würden uns weiterhin über Ihre Meinung freuen. Wählen Sie eine Zahl.',
  clickHint: 'Ein Klick öffnet eine Seite, auf der Sie einen Kommentar ergänzen und senden können.',
  why: 'Sie erhalten diese E-Mail wegen Ihres jüngsten Kontakts mit {company}.',
  unsubscribe: 'Von diesen Umfragen abmelden',
  unsubscribeQuestion: 'Keine Umfrage-E-Mails mehr von {company}?',
  unsubscribeButton: 'Abmelden',
  unsubscribed: 'Sie sind abgemeldet. {company} sendet Ihnen keine Umfrage-E-Mails mehr.',
  unsubscribeInvalid: 'Dieser Abmeldelink ist ungültig oder abgelaufen.',
}

const fr: EmailMessages = {
  subject: 'Une petite question de {company}',
  reminderSubject: 'Rappel : une petite question de {company}',
  intro:
    '{company} aimerait savoir comment nous avons fait. Choisissez un chiffre ; cela prend une minute.',
  reminderIntro:
    'Votre avis nous intéresse toujours. Choisissez un chiffre ; cela prend une minute.',
  clickHint:
    'Un clic ouvre une page où vous pouvez ajouter un commentaire et envoyer votre réponse.',
  why: 'Vous recevez cet e-mail suite à votre contact récent avec {company}.',
  unsubscribe: 'Se désabonner de ces enquêtes',
  unsubscribeQuestion: 'Ne plus recevoir les enquêtes de {company} ?',
  unsubscribeButton: 'Se désabonner',
  unsubscribed: 'Vous êtes désabonné. {company} ne vous enverra plus d’enquêtes par e-mail.',
  unsubscribeInvalid: 'Ce lien de désabonnement est invalide ou a expiré.',
}

const es: EmailMessages = {
  subject: 'Una pregunta rápida de {company}',
  reminderSubject: 'Recordatorio: una pregunta rápida de {company}',
  intro: 'A {company} le gustaría saber cómo lo hicimos. Elija un número; tarda un minuto.',
  reminderIntro: 'Nos seguiría encantando conocer su opinión. Elija un número; tarda un minuto.',
  clickHint: 'Un clic abre una página donde puede añadir un comentario y enviar su respuesta.',
  why: 'Recibe este correo por su contacto reciente con {company}.',
  unsubscribe: 'Darse de baja de estas encuestas',
  unsubscribeQuestion: '¿Dejar de recibir encuestas de {company}?',
  unsubscribeButton: 'Darse de baja',
  unsubscribed: 'Se ha dado de baja. {company} no le enviará más encuestas por correo.',
  unsubscribeInvalid: 'Este enlace de baja no es válido o ha caducado.',
}

const nl: EmailMessages = {
  subject: 'Een korte vraag van {company}',
  reminderSubject: 'Herinnering: een korte vraag van {company}',
  intro: '{company} wil graag weten hoe we het deden. Kies een cijfer; het duurt een minuut.',
  reminderIntro: 'We horen nog steeds graag van u. Kies een cijfer; het duurt een minuut.',
  clickHint:
    'Een klik opent een pagina waar u een opmerking kunt toevoegen en uw antwoord verstuurt.',
  why: 'U ontvangt deze e-mail vanwege uw recente contact met {company}.',
  unsubscribe: 'Afmelden voor deze enquêtes',
  unsubscribeQuestion: 'Geen enquête-e-mails meer van {company}?',
  unsubscribeButton: 'Afmelden',
  unsubscribed: 'U bent afgemeld. {company} stuurt u geen enquête-e-mails meer.',
  unsubscribeInvalid: 'Deze afmeldlink is ongeldig of verlopen.',
}

const fi: EmailMessages = {
  subject: 'Lyhyt kysymys yritykseltä {company}',
  reminderSubject: 'Muistutus: lyhyt kysymys yritykseltä {company}',
  intro: '{company} haluaa tietää, miten onnistuimme. Valitse numero; se vie minuutin.',
  reminderIntro: 'Haluaisimme yhä kuulla mielipiteesi. Valitse numero; se vie minuutin.',
  clickHint: 'Napsautus avaa sivun, jolla voit lisätä kommentin ja lähettää vastauksesi.',
  why: 'Saat tämän viestin, koska olit äskettäin yhteydessä yritykseen {company}.',
  unsubscribe: 'Peru näiden kyselyjen tilaus',
  unsubscribeQuestion: 'Lopetetaanko kyselyviestit yritykseltä {company}?',
  unsubscribeButton: 'Peru tilaus',
  unsubscribed: 'Tilaus on peruttu. {company} ei lähetä sinulle enää kyselyviestejä.',
  unsubscribeInvalid: 'Tämä peruutuslinkki on virheellinen tai vanhentunut.',
}

const ar: EmailMessages = {
  subject: 'سؤال سريع من {company}',
  reminderSubject: 'تذكير: سؤال سريع من {company}',
  intro: 'تود {company} معرفة رأيك في تجربتك. اختر رقمًا؛ يستغرق الأمر دقيقة.',
  reminderIntro: 'ما زلنا نرغب في سماع رأيك. اختر رقمًا؛ يستغرق الأمر دقيقة.',
  clickHint: 'تفتح النقرة صفحة يمكنك فيها إضافة تعليق وإرسال إجابتك.',
  why: 'تصلك هذه الرسالة بسبب تواصلك الأخير مع {company}.',
  unsubscribe: 'إلغاء الاشتراك في هذه الاستطلاعات',
  unsubscribeQuestion: 'إيقاف رسائل الاستطلاع من {company}؟',
  unsubscribeButton: 'إلغاء الاشتراك',
  unsubscribed: 'تم إلغاء اشتراكك. لن ترسل لك {company} رسائل استطلاع بعد الآن.',
  unsubscribeInvalid: 'رابط إلغاء الاشتراك هذا غير صالح أو منتهي الصلاحية.',
}

const he: EmailMessages = {
  subject: 'שאלה קצרה מ-{company}',
  reminderSubject: 'תזכורת: שאלה קצרה מ-{company}',
  intro: '{company} רוצה לדעת איך היה. בחרו מספר; זה לוקח דקה.',
  reminderIntro: 'נשמח עדיין לשמוע מכם. בחרו מספר; זה לוקח דקה.',
  clickHint: 'לחיצה פותחת דף שבו אפשר להוסיף הערה ולשלוח את התשובה.',
  why: 'הודעה זו נשלחה אליכם בעקבות הקשר האחרון שלכם עם {company}.',
  unsubscribe: 'ביטול ההרשמה לסקרים אלה',
  unsubscribeQuestion: 'להפסיק לקבל סקרים מ-{company}?',
  unsubscribeButton: 'ביטול הרשמה',
  unsubscribed: 'ההרשמה בוטלה. {company} לא תשלח לכם עוד סקרים בדוא"ל.',
  unsubscribeInvalid: 'קישור ביטול ההרשמה אינו תקף או שפג תוקפו.',
}

export const EMAIL_MESSAGES: Record<Locale, EmailMessages> = {
  en,
  da,
  nb,
  sv,
  de,
  fr,
  es,
  nl,
  fi,
  ar,
  he,
}

// Default texts in every supported locale, shared by the widget's UI chunk and the hosted survey
// page. Zod-free; the widget loader must not import it (translations load with the UI only).
import { LOCALES, RTL_LOCALES, type Category, type Locale, type SurveyKind } from './constants'

export interface Messages {
  question: Record<SurveyKind, string>
  lowLabel: Record<SurveyKind, string>
  highLabel: Record<SurveyKind, string>
  followUp: Record<Category, string>
  /** Accessible name of a score option; must start with the number. */
  scoreOf: string
  reasonPlaceholder: string
  send: string
  skip: string
  close: string
  saved: string
  thankYou: string
  contactConsent: string
  /** Widget: where to contact an anonymous visitor who consents (no customer or email known). */
  contactEmail: string
  referral: string
  review: string
  offline: string
  /** Widget: the server refused the answer for good (a 4xx other than 408 and 429). */
  refused: string
  chooseScore: string
  surveyLabel: string
  linkExpired: string
  linkExpiredDetail: string
  linkInvalid: string
  /** Hosted page: a rate limit or an oversized form. */
  tryAgainLater: string
}

const en: Messages = {
  question: {
    nps: 'How likely are you to recommend us to a friend or colleague?',
    ces: 'The company made it easy for me to handle my issue.',
    csat: 'How satisfied are you with your experience?',
  },
  lowLabel: { nps: 'Not at all likely', ces: 'Strongly disagree', csat: 'Very dissatisfied' },
  highLabel: { nps: 'Extremely likely', ces: 'Strongly agree', csat: 'Very satisfied' },
  followUp: {
    promoter: 'Great to hear! What do you like most about us?',
    passive: 'What would make you rate us higher?',
    detractor: 'We are sorry to hear that. What went wrong, and what should we improve?',
    easy: 'Good to hear! What made it easy?',
    neutral: 'What could we do better?',
    difficult: 'We are sorry. What made it difficult?',
    satisfied: 'Great to hear! What did you like most?',
    unsatisfied: 'We are sorry to hear that. What went wrong?',
  },
  scoreOf: '{n} of {max}',
  reasonPlaceholder: 'Tell us in your own words (optional)',
  send: 'Send',
  skip: 'Skip',
  close: 'Close',
  saved: 'Thank you, your score is saved.',
  thankYou: 'Thank you for your feedback!',
  contactConsent: 'You may contact me about my answer',
  contactEmail: 'Your email address',
  referral: 'Recommend us to a friend',
  review: 'Write a public review',
  offline: 'You seem to be offline. Your answer is kept and will be sent later.',
  refused: 'Sorry, your answer could not be saved.',
  chooseScore: 'Please choose a score.',
  surveyLabel: 'Feedback survey',
  linkExpired: 'This survey link has expired',
  linkExpiredDetail: 'Thank you for wanting to answer. The link was only valid for a limited time.',
  linkInvalid: 'This survey link is not valid',
  tryAgainLater: 'Something went wrong. Please try again in a minute.',
}

const da: Messages = {
  question: {
    nps: 'Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?',
    ces: 'Virksomheden gjorde det nemt for mig at få løst min sag.',
    csat: 'Hvor tilfreds er du med din oplevelse?',
  },
  lowLabel: { nps: 'Slet ikke sandsynligt', ces: 'Helt uenig', csat: 'Meget utilfreds' },
  highLabel: { nps: 'Meget sandsynligt', ces: 'Helt enig', csat: 'Meget tilfreds' },
  followUp: {
    promoter: 'Dejligt at høre! Hvad sætter du mest pris på hos os?',
    passive: 'Hvad skulle der til, for at du ville give os en højere score?',
    detractor: 'Det er vi kede af at høre. Hvad gik galt, og hvad bør vi forbedre?',
    easy: 'Dejligt at høre! Hvad gjorde det nemt?',
    neutral: 'Hvad kunne vi gøre bedre?',
    difficult: 'Det er vi kede af. Hvad gjorde det svært?',
    satisfied: 'Dejligt at høre! Hvad kunne du bedst lide?',
    unsatisfied: 'Det er vi kede af at høre. Hvad gik galt?',
  },
  scoreOf: '{n} af {max}',
  reasonPlaceholder: 'Fortæl os det med dine egne ord (valgfrit)',
  send: 'Send',
  skip: 'Spring over',
  close: 'Luk',
  saved: 'Tak, din score er gemt.',
  thankYou: 'Tak for din feedback!',
  contactConsent: 'I må gerne kontakte mig om mit svar',
  contactEmail: 'Din e-mailadresse',
  referral: 'Anbefal os til en ven',
  review: 'Skriv en offentlig anmeldelse',
  offline: 'Du ser ud til at være offline. Dit svar er gemt og sendes senere.',
  refused: 'Beklager, dit svar kunne ikke gemmes.',
  chooseScore: 'Vælg venligst en score.',
  surveyLabel: 'Spørgeskema',
  linkExpired: 'Dette link til spørgeskemaet er udløbet',
  linkExpiredDetail: 'Tak fordi du ville svare. Linket var kun gyldigt i en begrænset periode.',
  linkInvalid: 'Dette link til spørgeskemaet er ikke gyldigt',
  tryAgainLater: 'Noget gik galt. Prøv igen om et minut.',
}

const nb: Messages = {
  question: {
    nps: 'Hvor sannsynlig er det at du vil anbefale oss til en venn eller kollega?',
    ces: 'Selskapet gjorde det enkelt for meg å få løst saken min.',
    csat: 'Hvor fornøyd er du med opplevelsen din?',
  },
  lowLabel: { nps: 'Svært lite sannsynlig', ces: 'Helt uenig', csat: 'Svært misfornøyd' },
  highLabel: { nps: 'Svært sannsynlig', ces: 'Helt enig', csat: 'Svært fornøyd' },
  followUp: {
    promoter: 'Så hyggelig! Hva liker du best ved oss?',
    passive: 'Hva skal til for at du gir oss en høyere score?',
    detractor: 'Det var leit å høre. Hva gikk galt, og hva bør vi forbedre?',
    easy: 'Så bra! Hva gjorde det enkelt?',
    neutral: 'Hva kunne vi gjort bedre?',
    difficult: 'Det var leit. Hva gjorde det vanskelig?',
    satisfied: 'Så hyggelig! Hva likte du best?',
    unsatisfied: 'Det var leit å høre. Hva gikk galt?',
  },
  scoreOf: '{n} av {max}',
  reasonPlaceholder: 'Fortell oss med dine egne ord (valgfritt)',
  send: 'Send',
  skip: 'Hopp over',
  close: 'Lukk',
  saved: 'Takk, scoren din er lagret.',
  thankYou: 'Takk for tilbakemeldingen!',
  contactConsent: 'Dere kan kontakte meg om svaret mitt',
  contactEmail: 'E-postadressen din',
  referral: 'Anbefal oss til en venn',
  review: 'Skriv en offentlig anmeldelse',
  offline: 'Det ser ut som du er frakoblet. Svaret ditt er lagret og sendes senere.',
  refused: 'Beklager, svaret ditt kunne ikke lagres.',
  chooseScore: 'Velg en score.',
  surveyLabel: 'Spørreundersøkelse',
  linkExpired: 'Denne lenken til undersøkelsen er utløpt',
  linkExpiredDetail: 'Takk for at du ville svare. Lenken var bare gyldig en begrenset tid.',
  linkInvalid: 'Denne lenken til undersøkelsen er ikke gyldig',
  tryAgainLater: 'Noe gikk galt. Prøv igjen om et minutt.',
}

const sv: Messages = {
  question: {
    nps: 'Hur troligt är det att du skulle rekommendera oss till en vän eller kollega?',
    ces: 'Företaget gjorde det enkelt för mig att få hjälp med mitt ärende.',
    csat: 'Hur nöjd är du med din upplevelse?',
  },
  lowLabel: { nps: 'Inte alls troligt', ces: 'Instämmer inte alls', csat: 'Mycket missnöjd' },
  highLabel: { nps: 'Mycket troligt', ces: 'Instämmer helt', csat: 'Mycket nöjd' },
  followUp: {
    promoter: 'Kul att höra! Vad uppskattar du mest hos oss?',
    passive: 'Vad skulle få dig att ge oss ett högre betyg?',
    detractor: 'Det var tråkigt att höra. Vad gick fel, och vad borde vi förbättra?',
    easy: 'Kul att höra! Vad gjorde det enkelt?',
    neutral: 'Vad kunde vi göra bättre?',
    difficult: 'Det var tråkigt. Vad gjorde det svårt?',
    satisfied: 'Kul att höra! Vad gillade du mest?',
    unsatisfied: 'Det var tråkigt att höra. Vad gick fel?',
  },
  scoreOf: '{n} av {max}',
  reasonPlaceholder: 'Berätta med egna ord (valfritt)',
  send: 'Skicka',
  skip: 'Hoppa över',
  close: 'Stäng',
  saved: 'Tack, ditt betyg är sparat.',
  thankYou: 'Tack för din feedback!',
  contactConsent: 'Ni får kontakta mig om mitt svar',
  contactEmail: 'Din e-postadress',
  referral: 'Rekommendera oss till en vän',
  review: 'Skriv en offentlig recension',
  offline: 'Du verkar vara offline. Ditt svar är sparat och skickas senare.',
  refused: 'Tyvärr kunde ditt svar inte sparas.',
  chooseScore: 'Välj ett betyg.',
  surveyLabel: 'Enkät',
  linkExpired: 'Länken till enkäten har gått ut',
  linkExpiredDetail: 'Tack för att du ville svara. Länken gällde bara under en begränsad tid.',
  linkInvalid: 'Länken till enkäten är inte giltig',
  tryAgainLater: 'Något gick fel. Försök igen om en minut.',
}

const de: Messages = {
  question: {
    nps: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?',
    ces: 'Das Unternehmen hat es mir leicht gemacht, mein Anliegen zu klären.',
    csat: 'Wie zufrieden sind Sie mit Ihrer Erfahrung?',
  },
  lowLabel: {
    nps: 'Sehr unwahrscheinlich',
    ces: 'Stimme überhaupt nicht zu',
    csat: 'Sehr unzufrieden',
  },
  highLabel: { nps: 'Sehr wahrscheinlich', ces: 'Stimme voll zu', csat: 'Sehr zufrieden' },
  followUp: {
    promoter: 'Das freut uns! Was gefällt Ihnen an uns am besten?',
    passive: 'Was müssten wir tun, damit Sie uns besser bewerten?',
    detractor: 'Das tut uns leid. Was ist schiefgelaufen, und was sollten wir verbessern?',
    easy: 'Das freut uns! Was hat es leicht gemacht?',
    neutral: 'Was könnten wir besser machen?',
    difficult: 'Das tut uns leid. Was hat es schwer gemacht?',
    satisfied: 'Das freut uns! Was hat Ihnen am besten gefallen?',
    unsatisfied: 'Das tut uns leid. Was ist schiefgelaufen?',
  },
  scoreOf: '{n} von {max}',
  reasonPlaceholder: 'Erzählen Sie es uns in Ihren Worten (optional)',
  send: 'Senden',
  skip: 'Überspringen',
  close: 'Schließen',
  saved: 'Danke, Ihre Bewertung ist gespeichert.',
  thankYou: 'Vielen Dank für Ihr Feedback!',
  contactConsent: 'Sie dürfen mich zu meiner Antwort kontaktieren',
  contactEmail: 'Ihre E-Mail-Adresse',
  referral: 'Empfehlen Sie uns weiter',
  review: 'Öffentliche Bewertung schreiben',
  offline: 'Sie scheinen offline zu sein. Ihre Antwort ist gespeichert und wird später gesendet.',
  refused: 'Leider konnte Ihre Antwort nicht gespeichert werden.',
  chooseScore: 'Bitte wählen Sie eine Bewertung.',
  surveyLabel: 'Umfrage',
  linkExpired: 'Dieser Umfragelink ist abgelaufen',
  linkExpiredDetail: 'Danke, dass Sie antworten wollten. Der Link war nur begrenzte Zeit gültig.',
  linkInvalid: 'Dieser Umfragelink ist ungültig',
  tryAgainLater: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es in einer Minute erneut.',
}

const fr: Messages = {
  question: {
    nps: 'Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?',
    ces: "L'entreprise m'a facilité le traitement de ma demande.",
    csat: 'Êtes-vous satisfait de votre expérience ?',
  },
  lowLabel: { nps: 'Pas du tout probable', ces: "Pas du tout d'accord", csat: 'Très insatisfait' },
  highLabel: { nps: 'Très probable', ces: "Tout à fait d'accord", csat: 'Très satisfait' },
  followUp: {
    promoter: "Ravis de l'apprendre ! Qu'appréciez-vous le plus chez nous ?",
    passive: 'Que pourrions-nous faire pour mériter une meilleure note ?',
    detractor:
      "Nous en sommes désolés. Qu'est-ce qui n'a pas fonctionné, et que devrions-nous améliorer ?",
    easy: "Ravis de l'apprendre ! Qu'est-ce qui a rendu cela facile ?",
    neutral: 'Que pourrions-nous améliorer ?',
    difficult: "Nous en sommes désolés. Qu'est-ce qui a rendu cela difficile ?",
    satisfied: "Ravis de l'apprendre ! Qu'avez-vous le plus apprécié ?",
    unsatisfied: "Nous en sommes désolés. Qu'est-ce qui n'a pas fonctionné ?",
  },
  scoreOf: '{n} sur {max}',
  reasonPlaceholder: 'Dites-le-nous avec vos mots (facultatif)',
  send: 'Envoyer',
  skip: 'Passer',
  close: 'Fermer',
  saved: 'Merci, votre note est enregistrée.',
  thankYou: 'Merci pour votre avis !',
  contactConsent: 'Vous pouvez me contacter au sujet de ma réponse',
  contactEmail: 'Votre adresse e-mail',
  referral: 'Recommandez-nous à un ami',
  review: 'Laisser un avis public',
  offline: 'Vous semblez hors ligne. Votre réponse est conservée et sera envoyée plus tard.',
  refused: 'Désolé, votre réponse n’a pas pu être enregistrée.',
  chooseScore: 'Veuillez choisir une note.',
  surveyLabel: 'Questionnaire',
  linkExpired: 'Ce lien de questionnaire a expiré',
  linkExpiredDetail:
    "Merci d'avoir voulu répondre. Le lien n'était valable que pour une durée limitée.",
  linkInvalid: "Ce lien de questionnaire n'est pas valide",
  tryAgainLater: 'Un problème est survenu. Veuillez réessayer dans une minute.',
}

const es: Messages = {
  question: {
    nps: '¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?',
    ces: 'La empresa me facilitó resolver mi consulta.',
    csat: '¿Qué tan satisfecho estás con tu experiencia?',
  },
  lowLabel: { nps: 'Nada probable', ces: 'Totalmente en desacuerdo', csat: 'Muy insatisfecho' },
  highLabel: { nps: 'Muy probable', ces: 'Totalmente de acuerdo', csat: 'Muy satisfecho' },
  followUp: {
    promoter: '¡Nos alegra! ¿Qué es lo que más te gusta de nosotros?',
    passive: '¿Qué haría que nos dieras una puntuación más alta?',
    detractor: 'Lamentamos oírlo. ¿Qué salió mal y qué deberíamos mejorar?',
    easy: '¡Nos alegra! ¿Qué lo hizo fácil?',
    neutral: '¿Qué podríamos hacer mejor?',
    difficult: 'Lo sentimos. ¿Qué lo hizo difícil?',
    satisfied: '¡Nos alegra! ¿Qué es lo que más te gustó?',
    unsatisfied: 'Lamentamos oírlo. ¿Qué salió mal?',
  },
  scoreOf: '{n} de {max}',
  reasonPlaceholder: 'Cuéntanoslo con tus palabras (opcional)',
  send: 'Enviar',
  skip: 'Omitir',
  close: 'Cerrar',
  saved: 'Gracias, tu puntuación se ha guardado.',
  thankYou: '¡Gracias por tu opinión!',
  contactConsent: 'Podéis contactarme sobre mi respuesta',
  contactEmail: 'Tu correo electrónico',
  referral: 'Recomiéndanos a un amigo',
  review: 'Escribe una reseña pública',
  offline: 'Parece que no tienes conexión. Tu respuesta se guarda y se enviará más tarde.',
  refused: 'Lo sentimos, no se pudo guardar tu respuesta.',
  chooseScore: 'Elige una puntuación.',
  surveyLabel: 'Encuesta',
  linkExpired: 'Este enlace de la encuesta ha caducado',
  linkExpiredDetail:
    'Gracias por querer responder. El enlace solo era válido durante un tiempo limitado.',
  linkInvalid: 'Este enlace de la encuesta no es válido',
  tryAgainLater: 'Algo salió mal. Inténtalo de nuevo dentro de un minuto.',
}

const nl: Messages = {
  question: {
    nps: 'Hoe waarschijnlijk is het dat je ons aanbeveelt aan een vriend of collega?',
    ces: 'Het bedrijf heeft het me gemakkelijk gemaakt om mijn vraag af te handelen.',
    csat: 'Hoe tevreden ben je over je ervaring?',
  },
  lowLabel: { nps: 'Zeer onwaarschijnlijk', ces: 'Helemaal mee oneens', csat: 'Zeer ontevreden' },
  highLabel: { nps: 'Zeer waarschijnlijk', ces: 'Helemaal mee eens', csat: 'Zeer tevreden' },
  followUp: {
    promoter: 'Fijn om te horen! Wat vind je het beste aan ons?',
    passive: 'Wat zou ervoor zorgen dat je ons een hoger cijfer geeft?',
    detractor: 'Dat spijt ons. Wat ging er mis, en wat moeten we verbeteren?',
    easy: 'Fijn om te horen! Wat maakte het gemakkelijk?',
    neutral: 'Wat kunnen we beter doen?',
    difficult: 'Dat spijt ons. Wat maakte het moeilijk?',
    satisfied: 'Fijn om te horen! Wat vond je het fijnst?',
    unsatisfied: 'Dat spijt ons. Wat ging er mis?',
  },
  scoreOf: '{n} van {max}',
  reasonPlaceholder: 'Vertel het ons in je eigen woorden (optioneel)',
  send: 'Versturen',
  skip: 'Overslaan',
  close: 'Sluiten',
  saved: 'Bedankt, je score is opgeslagen.',
  thankYou: 'Bedankt voor je feedback!',
  contactConsent: 'Jullie mogen contact met me opnemen over mijn antwoord',
  contactEmail: 'Je e-mailadres',
  referral: 'Beveel ons aan bij een vriend',
  review: 'Schrijf een openbare review',
  offline: 'Je lijkt offline te zijn. Je antwoord is bewaard en wordt later verstuurd.',
  refused: 'Sorry, je antwoord kon niet worden opgeslagen.',
  chooseScore: 'Kies een score.',
  surveyLabel: 'Enquête',
  linkExpired: 'Deze enquêtelink is verlopen',
  linkExpiredDetail: 'Bedankt dat je wilde antwoorden. De link was maar beperkte tijd geldig.',
  linkInvalid: 'Deze enquêtelink is niet geldig',
  tryAgainLater: 'Er ging iets mis. Probeer het over een minuut opnieuw.',
}

const fi: Messages = {
  question: {
    nps: 'Kuinka todennäköisesti suosittelisit meitä ystävälle tai kollegalle?',
    ces: 'Yritys teki asiani hoitamisesta helppoa.',
    csat: 'Kuinka tyytyväinen olet kokemukseesi?',
  },
  lowLabel: {
    nps: 'Erittäin epätodennäköisesti',
    ces: 'Täysin eri mieltä',
    csat: 'Erittäin tyytymätön',
  },
  highLabel: {
    nps: 'Erittäin todennäköisesti',
    ces: 'Täysin samaa mieltä',
    csat: 'Erittäin tyytyväinen',
  },
  followUp: {
    promoter: 'Mukava kuulla! Mistä pidät meissä eniten?',
    passive: 'Mitä meidän pitäisi tehdä, jotta antaisit paremman arvosanan?',
    detractor: 'Olemme pahoillamme. Mikä meni vikaan, ja mitä meidän pitäisi parantaa?',
    easy: 'Mukava kuulla! Mikä teki siitä helppoa?',
    neutral: 'Mitä voisimme tehdä paremmin?',
    difficult: 'Olemme pahoillamme. Mikä teki siitä vaikeaa?',
    satisfied: 'Mukava kuulla! Mistä pidit eniten?',
    unsatisfied: 'Olemme pahoillamme. Mikä meni vikaan?',
  },
  scoreOf: '{n}/{max}',
  reasonPlaceholder: 'Kerro omin sanoin (vapaaehtoinen)',
  send: 'Lähetä',
  skip: 'Ohita',
  close: 'Sulje',
  saved: 'Kiitos, arviosi on tallennettu.',
  thankYou: 'Kiitos palautteestasi!',
  contactConsent: 'Minuun saa ottaa yhteyttä vastaukseni johdosta',
  contactEmail: 'Sähköpostiosoitteesi',
  referral: 'Suosittele meitä ystävälle',
  review: 'Kirjoita julkinen arvio',
  offline: 'Olet ilmeisesti offline-tilassa. Vastauksesi on tallessa ja lähetetään myöhemmin.',
  refused: 'Valitettavasti vastaustasi ei voitu tallentaa.',
  chooseScore: 'Valitse arvosana.',
  surveyLabel: 'Kysely',
  linkExpired: 'Kyselylinkki on vanhentunut',
  linkExpiredDetail: 'Kiitos, että halusit vastata. Linkki oli voimassa vain rajoitetun ajan.',
  linkInvalid: 'Kyselylinkki ei ole kelvollinen',
  tryAgainLater: 'Jotain meni vikaan. Yritä uudelleen minuutin kuluttua.',
}

const ar: Messages = {
  question: {
    nps: 'ما مدى احتمال أن توصي بنا لصديق أو زميل؟',
    ces: 'سهّلت الشركة عليّ معالجة مشكلتي.',
    csat: 'ما مدى رضاك عن تجربتك؟',
  },
  lowLabel: { nps: 'غير محتمل إطلاقًا', ces: 'لا أوافق بشدة', csat: 'غير راضٍ إطلاقًا' },
  highLabel: { nps: 'محتمل جدًا', ces: 'أوافق بشدة', csat: 'راضٍ جدًا' },
  followUp: {
    promoter: 'يسعدنا ذلك! ما أكثر ما يعجبك فينا؟',
    passive: 'ما الذي يجعلك تمنحنا تقييمًا أعلى؟',
    detractor: 'نأسف لذلك. ما الذي حدث، وما الذي يجب أن نحسّنه؟',
    easy: 'يسعدنا ذلك! ما الذي جعل الأمر سهلًا؟',
    neutral: 'ما الذي يمكننا فعله بشكل أفضل؟',
    difficult: 'نأسف لذلك. ما الذي جعل الأمر صعبًا؟',
    satisfied: 'يسعدنا ذلك! ما أكثر ما أعجبك؟',
    unsatisfied: 'نأسف لذلك. ما الذي حدث؟',
  },
  scoreOf: '{n} من {max}',
  reasonPlaceholder: 'أخبرنا بكلماتك (اختياري)',
  send: 'إرسال',
  skip: 'تخطٍّ',
  close: 'إغلاق',
  saved: 'شكرًا، تم حفظ تقييمك.',
  thankYou: 'شكرًا على ملاحظاتك!',
  contactConsent: 'يمكنكم التواصل معي بخصوص إجابتي',
  contactEmail: 'بريدك الإلكتروني',
  referral: 'أوصِ بنا لصديق',
  review: 'اكتب مراجعة عامة',
  offline: 'يبدو أنك غير متصل. تم حفظ إجابتك وسيتم إرسالها لاحقًا.',
  refused: 'عذرًا، تعذّر حفظ إجابتك.',
  chooseScore: 'يُرجى اختيار تقييم.',
  surveyLabel: 'استبيان',
  linkExpired: 'انتهت صلاحية رابط الاستبيان',
  linkExpiredDetail: 'شكرًا لرغبتك في الإجابة. كان الرابط صالحًا لفترة محدودة فقط.',
  linkInvalid: 'رابط الاستبيان غير صالح',
  tryAgainLater: 'حدث خطأ ما. يُرجى المحاولة مرة أخرى بعد دقيقة.',
}

const he: Messages = {
  question: {
    nps: 'מה הסיכוי שתמליצו עלינו לחבר או לעמית?',
    ces: 'החברה הקלה עליי לטפל בפנייה שלי.',
    csat: 'עד כמה אתם מרוצים מהחוויה?',
  },
  lowLabel: { nps: 'בכלל לא סביר', ces: 'בכלל לא מסכים/ה', csat: 'לא מרוצה בכלל' },
  highLabel: { nps: 'סביר מאוד', ces: 'מסכים/ה מאוד', csat: 'מרוצה מאוד' },
  followUp: {
    promoter: 'שמחים לשמוע! מה הכי אהבתם אצלנו?',
    passive: 'מה יגרום לכם לתת לנו ציון גבוה יותר?',
    detractor: 'מצטערים לשמוע. מה השתבש, ומה כדאי לנו לשפר?',
    easy: 'שמחים לשמוע! מה הפך את זה לפשוט?',
    neutral: 'מה נוכל לעשות טוב יותר?',
    difficult: 'מצטערים. מה הקשה עליכם?',
    satisfied: 'שמחים לשמוע! מה הכי אהבתם?',
    unsatisfied: 'מצטערים לשמוע. מה השתבש?',
  },
  scoreOf: '{n} מתוך {max}',
  reasonPlaceholder: 'ספרו לנו במילים שלכם (לא חובה)',
  send: 'שליחה',
  skip: 'דילוג',
  close: 'סגירה',
  saved: 'תודה, הציון שלכם נשמר.',
  thankYou: 'תודה על המשוב!',
  contactConsent: 'אפשר ליצור איתי קשר לגבי התשובה שלי',
  contactEmail: 'כתובת האימייל שלך',
  referral: 'המליצו עלינו לחבר',
  review: 'כתבו ביקורת פומבית',
  offline: 'נראה שאין חיבור. התשובה נשמרה ותישלח מאוחר יותר.',
  refused: 'מצטערים, לא ניתן היה לשמור את התשובה שלך.',
  chooseScore: 'נא לבחור ציון.',
  surveyLabel: 'סקר',
  linkExpired: 'פג תוקפו של קישור הסקר',
  linkExpiredDetail: 'תודה שרציתם לענות. הקישור היה בתוקף לזמן מוגבל בלבד.',
  linkInvalid: 'קישור הסקר אינו תקין',
  tryAgainLater: 'משהו השתבש. נסו שוב בעוד דקה.',
}

export const MESSAGES: Record<Locale, Messages> = { en, da, nb, sv, de, fr, es, nl, fi, ar, he }

// Tags that name a supported language under another code.
const ALIASES: Record<string, Locale> = { no: 'nb', nn: 'nb', iw: 'he' }

/** Primary language subtag → the locale it picks: resolveLocale's rule as data, for the widget's
 * loader to repeat the worker's choice without carrying the list (worker/services/widget-loader).
 * A function, so that importing this module does no work at load (the UI chunk imports it). */
export const localeOfPrimary = (): Record<string, Locale> => ({
  ...Object.fromEntries(LOCALES.map((l) => [l, l])),
  ...ALIASES,
})

/** The first candidate (BCP 47 tags, best first) that names a supported locale; else English. */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): Locale {
  for (const tag of candidates) {
    const primary = tag?.trim().toLowerCase().split(/[-_]/)[0]
    if (!primary) continue
    const locale = ALIASES[primary] ?? primary
    if ((LOCALES as readonly string[]).includes(locale)) return locale as Locale
  }
  return 'en'
}

export const isRtl = (locale: Locale) => RTL_LOCALES.includes(locale)

/** Replaces {name} placeholders. */
export function format(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m))
}

import type { Category } from "./categories.ts";
import type { Signal } from "./signals.ts";

// Personal and sensitive words, as data, one rule per topic and language so that the
// fixture meta-test shows each language is exercised. Word syntax:
//   word    the word, also inflected (s, es, er, ar, en, et, erna, ene …)
//   word*   also at the start of a compound (patient* → patientjournal, medic* → medicall)
//   *word   also at the end of a compound (*journal → läkarjournal)
//   =word   exactly this word (=pass must not match "passer", =rec not "record")
//   two words  also as two adjacent tokens ("id kort" matches id-kort, ID_kort and idkort)
// Words are matched per token of the name (split at separators, digits and camelCase).
// Compound words need at least 3 letters.

/** One topic's words in one language. */
export interface WordRule {
  readonly id: string;
  readonly signal: Signal;
  /** The signal applies only to files of these categories (call words need audio). */
  readonly only?: readonly Category[];
  readonly words: readonly string[];
}

const MEDIA: readonly Category[] = ["audio", "video"];
const ARCHIVES: readonly Category[] = ["archive"];
// biome-ignore format: a data table reads best packed, one rule per line
/** Files that hold data (not `backup.sh` or `backup-config.yml`). */
const DATA: readonly Category[] = [
  "audio", "video", "image", "document", "spreadsheet", "database", "archive", "mailbox", "disk-image", "log", "other",
];
// biome-ignore format: a data table reads best packed, one rule per line
/** Where a password word means a file of secrets (not `token.png` or `password-reset.js`). */
const SECRET_HOLDERS: readonly Category[] = [
  "document", "spreadsheet", "database", "archive", "mailbox", "config", "credential", "log", "other",
];

// biome-ignore format: a data table reads best packed, one rule per line
export const WORD_RULES: readonly WordRule[] = [
  { id: "medical-en", signal: "medical", words: ["patient*", "medic*", "diagnosis", "diagnoses", "prescription*", "clinic*", "hospital*", "health record", "=ehr", "=emr", "x ray", "radiology*", "=mri", "therapy", "therapist*", "psychiatr*", "vaccination*", "symptom*", "doctor*", "referral*", "sick note", "lab results"] },
  { id: "medical-sv", signal: "medical", words: ["medicin*", "diagnos*", "=recept", "recepten", "e recept", "läkar*", "*läkare", "vård*", "*vård", "sjuk*", "remiss*", "röntgen*", "provsvar", "labbsvar", "epikris*", "psykiatri*", "vaccin*", "*journal", "journalanteckning*"] },
  { id: "medical-de", signal: "medical", words: ["arzt*", "ärzt*", "befund*", "rezept*", "krankenhaus*", "kranken*", "krankmeldung", "krankenakte", "diagnose*", "klinik*", "praxis"] },
  { id: "medical-no", signal: "medical", words: ["pasient*", "=lege", "legejournal", "legeerklæring", "legeattest", "resept*", "sykehus*", "sykemelding*", "sykmelding*", "helsejournal"] },
  { id: "medical-da", signal: "medical", words: ["læge*", "sygehus*", "sygemelding*", "sygdom*"] },
  { id: "medical-fi", signal: "medical", words: ["potilas*", "lääkäri*", "resepti*", "sairaala*", "diagnoosi*", "sairaus*", "terveys*"] },
  { id: "identity-en", signal: "identity-document", words: ["passport*", "id card", "identity card", "driving licence", "driving license", "drivers license", "driver license", "residence permit", "birth certificate", "national id"] },
  { id: "identity-sv", signal: "identity-document", words: ["=pass", "passfoto*", "passkopia", "id kort", "legitimation*", "körkort*", "uppehållstillstånd*", "id handling*", "personbevis*"] },
  { id: "identity-de", signal: "identity-document", words: ["reisepass*", "personalausweis*", "ausweis*", "führerschein*", "aufenthaltstitel*"] },
  { id: "identity-nordic", signal: "identity-document", words: ["førerkort*", "kørekort*", "=pas", "=passi", "passikopio*", "henkilökortti*", "ajokortti*", "oleskelulupa*"] },
  { id: "national-id-words", signal: "national-id", words: ["personnummer*", "person nr", "samordningsnummer*", "fødselsnummer*", "fodselsnummer*", "=cpr", "cpr nummer", "cpr nr", "=ssn", "social security", "henkilötunnus*", "=hetu", "sozialversicherungsnummer"] },
  { id: "financial-en", signal: "financial", words: ["invoice*", "receipt*", "=bank", "banking", "bank statement*", "=iban", "credit card*", "=tax", "taxes", "tax return*", "payment*", "=loan", "=debt"] },
  { id: "financial-sv", signal: "financial", words: ["faktura*", "*faktura", "kvitto*", "kontoutdrag*", "bank*", "deklaration*", "=skatt", "skatte*", "=lån", "skuld*", "inkasso*", "betalning*", "kontonummer*", "kreditkort*", "räkning*", "kreditupplysning*", "bokföring*"] },
  { id: "financial-de", signal: "financial", words: ["rechnung*", "kontoauszug*", "=steuer", "steuererklärung*", "quittung*", "überweisung*", "kreditkarte*"] },
  { id: "financial-nordic", signal: "financial", words: ["kontoutskrift*", "kvittering*", "skattemelding*", "kontoudtog*", "årsopgørelse*", "selvangivelse*", "lasku*", "tiliote*", "kuitti*", "pankki*", "veroilmoitus*"] },
  { id: "employment-en", signal: "employment", words: ["=cv", "curriculum vitae", "resume", "résumé", "salary", "salaries", "payslip*", "payroll*", "=employee", "employees", "employment*", "=hr", "personnel*", "timesheet*", "appraisal*", "recruitment*", "job application*"] },
  { id: "employment-sv", signal: "employment", words: ["=lön", "löner", "lön*", "anställd*", "anställning*", "personalakt*", "ansökan*", "arbetsgivarintyg*", "tjänstgöringsintyg*"] },
  { id: "employment-de", signal: "employment", words: ["lebenslauf*", "bewerbung*", "gehalt*", "=lohn", "lohnabrechnung*", "personalakte*", "arbeitsvertrag*", "mitarbeiter*"] },
  { id: "employment-nordic", signal: "employment", words: ["lønn*", "=løn", "lønseddel*", "ansatt*", "ansat*", "søknad*", "ansøgning*", "ansættelse*", "arbeidsavtale*", "palkka*", "työsopimus*", "hakemus*", "henkilöstö*", "työntekijä*"] },
  { id: "personal-en", signal: "personal-word", words: ["personal", "private", "confidential", "customer*", "=client", "clients", "member*", "contacts", "addresses", "address book", "student*", "pupil*", "applicant*", "citizen*", "tenant*", "=journal", "diary", "diaries", "personal data", "phone book"] },
  { id: "personal-sv", signal: "personal-word", words: ["personlig*", "privat*", "konfidentiell*", "sekretess*", "hemlig*", "kund*", "=klient", "klienter", "medlem*", "kontakter", "kontaktlist*", "adresser", "adresslist*", "elev*", "personuppgift*", "betyg*", "familj*", "hyresgäst*", "anhörig*"] },
  { id: "personal-de", signal: "personal-word", words: ["persönlich*", "vertraulich*", "kunde*", "mitglied*", "adressen", "schüler*"] },
  { id: "personal-nordic", signal: "personal-word", words: ["konfidensiell*", "fortrolig*", "henkilökohtai*", "luottamuksellinen*", "asiakas*", "jäsen*", "oppilas*", "yksityi*"] },
  { id: "call-en", signal: "call-recording", only: MEDIA, words: ["=rec", "=call", "calls", "recording*", "recorded", "voicemail*", "inbound", "outbound", "incoming", "outgoing", "=voip", "=ivr", "helpline*", "hotline*"] },
  { id: "call-sv", signal: "call-recording", only: MEDIA, words: ["samtal*", "inspelning*", "röstmeddelande*", "röstbrevlåda*", "inkommande", "utgående"] },
  { id: "call-de", signal: "call-recording", only: MEDIA, words: ["anruf*", "aufnahme*", "aufzeichnung*", "gespräch*", "mitschnitt*"] },
  { id: "call-nordic", signal: "call-recording", only: MEDIA, words: ["samtale*", "opptak*", "=anrop", "optagelse*", "opkald*", "puhelu*", "nauhoite*", "tallenne*"] },
  { id: "credential-words", signal: "credentials", words: ["password*", "lösenord*", "passwort*", "passord*", "adgangskode*", "salasana*", "credential*", "=secrets", "private key*", "secret key*", "api key", "api keys", "=token", "=tokens"], only: SECRET_HOLDERS },
  { id: "backup-words", signal: "backup", only: DATA, words: ["backup*", "=bak", "=bkp", "=bck", "säkerhetskopi*", "sicherung*", "sikkerhetskopi*", "varmuuskopio*"] },
  { id: "webroot-archive", signal: "backup", only: ARCHIVES, words: ["=www", "htdocs", "public html", "wwwroot", "webroot", "=site", "website", "=web", "=home", "wordpress", "=wp", "=db", "database", "=dump", "=sql", "full backup"] },
];

// biome-ignore format: a data table reads best packed, one rule per line
/** Tokens that look like a word above but are not personal (diagnostics, reception …). */
export const NOT_PERSONAL: readonly string[] = [
  "diagnostic", "diagnostics", "reception", "receptions", "elevator", "elevators", "elevation", "elevated", "eleven",
  "journalctl", "journald", "callback", "callbacks", "legend", "legends", "medici", "hospitality", "cvs", "kundera",
];

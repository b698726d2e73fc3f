// The fixed wording of every notice, in English and Swedish. No reporter text is ever included:
// every variable part comes from the verifier's evidence or from this service.
import type { NoticeLanguage } from "../../../../shared/disclosure/language.ts";
import type { Template } from "../workflow.ts";

export interface Words {
  subject: Record<Template, string>;
  opening: Record<Template, string>;
  exposedTitle: string;
  files: string;
  estimate: string;
  dates: string;
  categories: string;
  samples: string;
  samplesNote: string;
  verified: string;
  whyTitle: string;
  why: string;
  fixTitle: string;
  fixServer: string;
  pageTitle: string;
  page: string;
  noPage: string;
  about: string;
  closing: string;
}

/** `{host}` and `{case}` are filled in; nothing else is. */
export const WORDS: Record<NoticeLanguage, Words> = {
  en: {
    subject: {
      notice: "Personal data exposed on {host}: an open directory listing [case {case}]",
      reminder: "Reminder: personal data still exposed on {host} [case {case}]",
      escalation: "Abuse report: personal data exposed on {host} [case {case}]",
      reopened: "Exposed again: the directory listing on {host} is back [case {case}]",
      resolved: "Resolved: the listing on {host} is no longer public [case {case}]",
      handover: "Unresolved after 90 days: personal data exposed on {host} [case {case}]",
    },
    opening: {
      notice:
        "Indexwatch has verified that a web server publishes a directory listing that anyone can read, and that it appears to contain personal data. We are telling you because your address is the security contact for this site.",
      reminder:
        "We wrote about this exposure earlier and have had no answer. The listing is still public when we check it.",
      escalation:
        "We are reporting an exposure of personal data on a system in your network or constituency. The site's own contacts were told first, or could not be reached.",
      reopened:
        "This listing was closed after our earlier notice, but it is public again. We have also told the hosting provider and the national CSIRT.",
      resolved: "Thank you. Two checks at least 24 hours apart found the listing gone, so this case is closed.",
      handover:
        "This exposure has been public for 90 days since the first notice and is still not resolved. We are handing the case to the national CSIRT.",
    },
    exposedTitle: "What is exposed",
    files: "Files listed",
    estimate: "Estimated files in the whole tree",
    dates: "Dates in file names",
    categories: "By category",
    samples: "Redacted sample names",
    samplesNote: "(digits and personal words masked; we never downloaded any file)",
    verified: "First verified",
    whyTitle: "Why it matters",
    why: "Files like these usually hold personal data. Under the GDPR a personal data breach must be reported to the supervisory authority within 72 hours of becoming aware of it (Art. 33), and the people affected must be told when the risk to them is high (Art. 34).",
    fixTitle: "How to turn the listing off",
    fixServer: "Detected server",
    pageTitle: "Answer us",
    page: "On this private page you can acknowledge the notice, tell us it is fixed (we re-check at once), dispute it, or tell us the folder is meant to be public:",
    noPage: "Reply to this email to reach the people who run Indexwatch.",
    about:
      "Indexwatch is a non-profit service that gets exposed personal data taken offline. We ask for nothing: no payment, no login, no download. This message was sent automatically after our own server checked the listing; replies reach a person.",
    closing: "Indexwatch",
  },
  sv: {
    subject: {
      notice: "Personuppgifter exponeras på {host}: en öppen kataloglistning [ärende {case}]",
      reminder: "Påminnelse: personuppgifter exponeras fortfarande på {host} [ärende {case}]",
      escalation: "Anmälan: personuppgifter exponeras på {host} [ärende {case}]",
      reopened: "Exponerat igen: kataloglistningen på {host} är tillbaka [ärende {case}]",
      resolved: "Åtgärdat: listningen på {host} är inte längre öppen [ärende {case}]",
      handover: "Ej åtgärdat efter 90 dagar: personuppgifter exponeras på {host} [ärende {case}]",
    },
    opening: {
      notice:
        "Indexwatch har kontrollerat att en webbserver publicerar en kataloglistning som vem som helst kan läsa, och att den verkar innehålla personuppgifter. Vi kontaktar dig eftersom din adress är säkerhetskontakt för webbplatsen.",
      reminder:
        "Vi har tidigare skrivit om den här exponeringen men inte fått något svar. Listningen är fortfarande öppen när vi kontrollerar den.",
      escalation:
        "Vi anmäler en exponering av personuppgifter på ett system i ert nät eller ert ansvarsområde. Webbplatsens egna kontakter underrättades först, eller gick inte att nå.",
      reopened:
        "Listningen stängdes efter vårt tidigare meddelande, men den är öppen igen. Vi har också underrättat värdleverantören och den nationella CSIRT:en.",
      resolved:
        "Tack. Två kontroller med minst 24 timmars mellanrum visar att listningen är borta, så ärendet är avslutat.",
      handover:
        "Den här exponeringen har varit öppen i 90 dagar sedan första meddelandet och är fortfarande inte åtgärdad. Vi lämnar över ärendet till den nationella CSIRT:en.",
    },
    exposedTitle: "Vad som exponeras",
    files: "Listade filer",
    estimate: "Uppskattat antal filer i hela trädet",
    dates: "Datum i filnamnen",
    categories: "Per kategori",
    samples: "Maskerade exempel på filnamn",
    samplesNote: "(siffror och personliga ord maskerade; vi har aldrig laddat ned någon fil)",
    verified: "Först kontrollerad",
    whyTitle: "Varför det är viktigt",
    why: "Filer som dessa innehåller oftast personuppgifter. Enligt GDPR ska en personuppgiftsincident anmälas till tillsynsmyndigheten inom 72 timmar efter att man fått kännedom om den (art. 33), och de som berörs ska informeras när risken för dem är hög (art. 34).",
    fixTitle: "Så stänger du av listningen",
    fixServer: "Upptäckt server",
    pageTitle: "Svara oss",
    page: "På den här privata sidan kan du bekräfta meddelandet, meddela att det är åtgärdat (vi kontrollerar direkt), bestrida det, eller meddela att mappen ska vara offentlig:",
    noPage: "Svara på det här mejlet för att nå de som driver Indexwatch.",
    about:
      "Indexwatch är en ideell tjänst som får exponerade personuppgifter borttagna från nätet. Vi begär ingenting: ingen betalning, ingen inloggning, ingen nedladdning. Meddelandet skickades automatiskt efter att vår egen server kontrollerat listningen; svar når en människa.",
    closing: "Indexwatch",
  },
};

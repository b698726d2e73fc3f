// The national CSIRT of each country that Indexwatch escalates to: the EU CSIRTs Network
// members (where possible the NIS2 Art. 12 CVD coordinator), the Nordic countries and the US.
// Each entry names its public intake address and where that fact is published. `checked` says
// whether the address was confirmed against that source when the table was last edited;
// entries marked false must be confirmed before production use (see README, "Disclosure").

export interface Csirt {
  country: string;
  name: string;
  email: string;
  source: string;
  checked: boolean;
}

const T = (country: string, name: string, email: string, source: string, checked = false): Csirt => ({
  country,
  name,
  email,
  source,
  checked,
});

export const CSIRTS: readonly Csirt[] = [
  // Nordic countries
  T("SE", "CERT-SE", "cert@cert.se", "https://www.cert.se/om-cert-se/rfc-2350/", true),
  T(
    "NO",
    "NCSC Norway (NorCERT)",
    "norcert@cert.no",
    "https://nsm.no/fagomrader/digital-sikkerhet/nasjonalt-cybersikkerhetssenter/",
  ),
  T("DK", "CFCS (Centre for Cyber Security)", "cert@cert.dk", "https://www.cfcs.dk/en/about-us/"),
  T("FI", "NCSC-FI (Traficom)", "cert@traficom.fi", "https://www.kyberturvallisuuskeskus.fi/en/report"),
  T("IS", "CERT-IS", "cert@cert.is", "https://www.cert.is/"),
  // EU CSIRTs Network (https://csirtsnetwork.eu/) members not listed above
  T("AT", "CERT.at", "reports@cert.at", "https://cert.at/en/about/contact/"),
  T("BE", "CERT.be (CCB)", "cert@cert.be", "https://cert.be/en/report-incident"),
  T("BG", "CERT Bulgaria", "cert@govcert.bg", "https://www.govcert.bg/"),
  T("CY", "CSIRT-CY", "info@csirt.cy", "https://csirt.cy/"),
  T("CZ", "CSIRT.CZ", "abuse@csirt.cz", "https://csirt.cz/en/"),
  T("DE", "CERT-Bund (BSI)", "certbund@bsi.bund.de", "https://www.bsi.bund.de/dok/6616602 (RFC 2350 profile)", true),
  T("EE", "CERT-EE (RIA)", "cert@cert.ee", "https://www.ria.ee/en/cyber-security/cert-ee"),
  T("ES", "INCIBE-CERT", "incidencias@incibe-cert.es", "https://www.incibe.es/en/incibe-cert/incident-response"),
  T("FR", "CERT-FR (ANSSI)", "cert-fr.cossi@ssi.gouv.fr", "https://www.cert.ssi.gouv.fr/contact/"),
  T("GR", "National CSIRT Greece", "csirt@cyber.gov.gr", "https://csirt.cd.mil.gr/"),
  T("HR", "CERT.hr (CARNET)", "ncert@cert.hr", "https://www.cert.hr/kontakt/"),
  T("HU", "NCSC Hungary (NKI)", "csirt@nki.gov.hu", "https://nki.gov.hu/"),
  T("IE", "NCSC Ireland (CSIRT-IE)", "certreport@ncsc.gov.ie", "https://www.ncsc.gov.ie/incidentreporting/"),
  T("IT", "CSIRT Italia (ACN)", "segnalazioni@csirt.gov.it", "https://www.csirt.gov.it/segnalazione"),
  T("LT", "NKSC (CERT-LT)", "cert@nksc.lt", "https://www.nksc.lt/en/"),
  T("LU", "CIRCL", "info@circl.lu", "https://www.circl.lu/contact/"),
  T("LV", "CERT.LV", "cert@cert.lv", "https://cert.lv/en/contacts"),
  T("MT", "CSIRTMalta", "info@csirtmalta.org", "https://csirtmalta.org/"),
  T("NL", "NCSC-NL", "cert@ncsc.nl", "https://www.ncsc.nl/contact"),
  T("PL", "CERT Polska", "cert@cert.pl", "https://cert.pl/en/contact/"),
  T("PT", "CERT.PT", "cert@cert.pt", "https://www.cncs.gov.pt/en/certpt/"),
  T("RO", "CERT-RO (DNSC)", "alerts@dnsc.ro", "https://dnsc.ro/"),
  T("SI", "SI-CERT", "cert@cert.si", "https://www.cert.si/en/contact/"),
  T("SK", "SK-CERT", "incident@sk-cert.sk", "https://www.sk-cert.sk/en/contact/"),
  // United States
  T("US", "CISA", "report@cisa.gov", "https://www.cisa.gov/report"),
];

const BY_COUNTRY = new Map(CSIRTS.map((c) => [c.country, c]));

/** The national CSIRT of an ISO 3166-1 alpha-2 country, or null when the table has none. */
export function csirtFor(country: string | null | undefined): Csirt | null {
  if (!country) return null;
  return BY_COUNTRY.get(country.toUpperCase()) ?? null;
}

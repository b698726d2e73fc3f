// A notice from its fixed template: subject, plain text and HTML (everything from the listing
// escaped), in one language, with the fix for the detected server and the owner's page link.
import type { NoticeLanguage } from "../../../../shared/disclosure/language.ts";
import { listingOff } from "../../../../shared/disclosure/listing-off.ts";
import type { Template } from "../workflow.ts";
import type { CaseFacts } from "./facts.ts";
import { WORDS } from "./texts.ts";

export interface Notice {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

const day = (ms: number) => `${new Date(ms).toISOString().replace("T", " ").slice(0, 16)} UTC`;
const shortId = (id: string) => id.slice(0, 8);

export function composeNotice(
  facts: CaseFacts,
  template: Template,
  language: NoticeLanguage,
  ownerLink: string | null,
): Notice {
  const w = WORDS[language];
  const fill = (s: string) => s.replace("{host}", facts.host).replace("{case}", shortId(facts.id));
  const fix = listingOff(facts.server, facts.format);
  const fmt = new Intl.NumberFormat(language === "sv" ? "sv-SE" : "en-GB");
  const rows: [string, string][] = [["URL", facts.listingRoot]];
  if (facts.firstVerifiedAt !== null) rows.push([w.verified, day(facts.firstVerifiedAt)]);
  if (facts.files !== null) rows.push([w.files, fmt.format(facts.files)]);
  if (facts.estimateFiles !== null && facts.estimateFiles !== facts.files) {
    rows.push([w.estimate, fmt.format(facts.estimateFiles)]);
  }
  if (facts.oldest && facts.newest) rows.push([w.dates, `${facts.oldest} – ${facts.newest}`]);
  const cats = Object.entries(facts.categories)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmt.format(v)}`)
    .join(", ");
  if (cats) rows.push([w.categories, cats]);
  const showDetail = template !== "resolved";

  const text: string[] = [w.opening[template], ""];
  if (showDetail) {
    text.push(`${w.exposedTitle}:`, ...rows.map(([k, v]) => `  ${k}: ${v}`));
    if (facts.samples.length > 0) {
      text.push(`  ${w.samples} ${w.samplesNote}:`, ...facts.samples.map((s) => `    ${s}`));
    }
    text.push("", `${w.whyTitle}:`, w.why, "", `${w.fixTitle}:`, `  ${w.fixServer}: ${fix.server}`);
    text.push(`  ${fix.setting}`, `  ${fix.how[language]}`, "");
  } else {
    text.push(`  URL: ${facts.listingRoot}`, "");
  }
  text.push(`${w.pageTitle}:`, ownerLink ? `${w.page}\n  ${ownerLink}` : w.noPage, "", w.about, "", `-- ${w.closing}`);

  const h = escapeHtml;
  const html: string[] = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${h(fill(w.subject[template]))}</title></head>`,
    `<body style="font-family:sans-serif;max-width:40em">`,
    `<p>${h(w.opening[template])}</p>`,
  ];
  if (showDetail) {
    html.push(`<h2>${h(w.exposedTitle)}</h2><table>`);
    for (const [k, v] of rows) html.push(`<tr><th align="left">${h(k)}</th><td>${h(v)}</td></tr>`);
    html.push("</table>");
    if (facts.samples.length > 0) {
      html.push(`<p>${h(w.samples)} ${h(w.samplesNote)}:</p><ul>`);
      for (const s of facts.samples) html.push(`<li><code>${h(s)}</code></li>`);
      html.push("</ul>");
    }
    html.push(`<h2>${h(w.whyTitle)}</h2><p>${h(w.why)}</p>`);
    html.push(`<h2>${h(w.fixTitle)}</h2><p>${h(w.fixServer)}: ${h(fix.server)}</p>`);
    html.push(`<pre>${h(fix.setting)}</pre><p>${h(fix.how[language])}</p>`);
  } else {
    html.push(`<p>URL: ${h(facts.listingRoot)}</p>`);
  }
  html.push(`<h2>${h(w.pageTitle)}</h2>`);
  html.push(
    ownerLink ? `<p>${h(w.page)}</p><p><a href="${h(ownerLink)}">${h(ownerLink)}</a></p>` : `<p>${h(w.noPage)}</p>`,
  );
  html.push(`<p><small>${h(w.about)}</small></p><p>${h(w.closing)}</p></body></html>`);

  return { subject: fill(w.subject[template]), text: text.join("\n"), html: html.join("\n") };
}

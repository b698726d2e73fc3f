// Traps for a page that shows names from a hostile listing, set before anything of the page runs:
// `alert`, `confirm`, `prompt` and `print` count their calls, and dialogs, page errors and any
// request for the payloads' `x` (from `<img src=x>`) are counted too. `inspect` then asks the
// page whether each expected text is there as text, and whether any element came from a name.
import type { Page } from "playwright-core";

export interface Trap {
  /** Script from a name that ran: trapped calls, dialogs, requests for `x`. */
  ran(): Promise<number>;
  errors: string[];
}

export async function setTrap(page: Page): Promise<Trap> {
  let dialogs = 0;
  let requests = 0;
  const errors: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__hostileRan = 0;
    for (const k of ["alert", "confirm", "prompt", "print"]) {
      w[k] = () => {
        w.__hostileRan = Number(w.__hostileRan) + 1;
      };
    }
  });
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss().catch(() => undefined);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    const u = r.url();
    if (u.startsWith("javascript:") || /\/x$/.test(new URL(u).pathname)) requests++;
  });
  return {
    errors,
    async ran() {
      const flagged = await page
        .evaluate(() => Number((window as unknown as { __hostileRan?: number }).__hostileRan ?? 0))
        .catch(() => 0);
      return flagged + dialogs + requests;
    },
  };
}

export interface Inspection {
  /** Expected texts not found in the page's text. */
  missing: string[];
  /** Elements a name could have made: `<img src=x>`, svg, iframe, forms with action x, `on…` attributes. */
  injected: number;
  /** Script elements whose text came from a payload. */
  scripts: number;
}

/** Is every expected text in the page as text (CR, CRLF as LF; NUL dropped, as HTML parsing does)? */
export async function inspect(page: Page, expected: readonly string[]): Promise<Inspection> {
  return page.evaluate((want) => {
    const norm = (s: string) => s.replace(/\r\n?/g, "\n").replaceAll(String.fromCharCode(0), "");
    const text = norm(document.documentElement.textContent ?? "");
    const flat = text.replace(/\s+/g, " ");
    const missing = want.filter((s) => !text.includes(norm(s)) && !flat.includes(norm(s).replace(/\s+/g, " ")));
    // What the payloads would make if they were markup (their letters are masked in the
    // redacted shapes, so `onerror=alert(1)` arrives as `*******=*****(#)`).
    let injected = document.querySelectorAll('img[src="x"], svg[onload], iframe, form[action="x"]').length;
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const a of el.getAttributeNames()) {
        if (a.startsWith("on") && /alert|\(#\)/.test(el.getAttribute(a) ?? "")) injected++;
        if (/^\*+$/.test(a)) injected++;
      }
    }
    const scripts = Array.from(document.scripts).filter((s) => /alert\(|\*{5}\(#\)/.test(s.textContent ?? "")).length;
    return { missing, injected, scripts };
  }, expected);
}

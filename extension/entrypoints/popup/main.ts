import { browser } from "wxt/browser";
import { t } from "../../lib/i18n.ts";
import { sendMessage, type TabView } from "../../lib/messaging.ts";
import { renderPopup } from "../../lib/popup-view.ts";
import type { StoredReport } from "../../lib/storage.ts";

// Wiring only: ask the background, render, and send the one action the popup has.

async function main(): Promise<void> {
  const app = document.getElementById("app");
  if (!app) return;
  document.documentElement.lang = t("localeId");
  const query = new URLSearchParams(location.search).get("tab");
  const tabId =
    query !== null ? Number(query) : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  let view: TabView =
    tabId === undefined
      ? { finding: null, blocked: null, report: null }
      : await sendMessage({ type: "tabView", tabId });
  let past: StoredReport[] = await sendMessage({ type: "reports" });
  const draw = (state: { busy?: boolean; error?: string } = {}) => {
    app.replaceChildren(renderPopup(document, view, past, t, state));
    app.querySelector("#options")?.addEventListener("click", (e) => {
      e.preventDefault();
      void browser.runtime.openOptionsPage();
    });
    app.querySelector("#report")?.addEventListener("click", () => void report());
  };
  const report = async () => {
    if (tabId === undefined) return;
    draw({ busy: true });
    const outcome = await sendMessage({ type: "report", tabId });
    view = await sendMessage({ type: "tabView", tabId });
    past = await sendMessage({ type: "reports" });
    if (outcome.ok) draw();
    else {
      const known = t(`why_${outcome.code}`);
      draw({ error: known.startsWith("why_") ? outcome.detail : known });
    }
  };
  draw();
}

void main();

import { DEFAULT_API } from "../../lib/build-flags.ts";
import { t } from "../../lib/i18n.ts";
import { parseOptionsForm } from "../../lib/options-form.ts";
import { history, options, readOptions } from "../../lib/storage.ts";

// Wiring only: the form reads and writes the options item; history is cleared in place.

function field<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, text?: string) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function main(): Promise<void> {
  const app = document.getElementById("app");
  if (!app) return;
  document.documentElement.lang = t("localeId");
  const current = await readOptions();
  const api = field("input", { type: "url", id: "api", placeholder: DEFAULT_API });
  api.value = current.apiBase ?? "";
  const auto = field("input", { type: "checkbox", id: "auto-report" });
  auto.checked = current.autoReport;
  const probe = field("input", { type: "checkbox", id: "parent-probe" });
  probe.checked = current.parentProbe;
  const ignored = field("textarea", { id: "ignored" });
  ignored.value = current.ignoredSites.join("\n");
  const status = field("p", { id: "status", role: "status" });
  const save = field("button", { type: "button", id: "save" }, t("optSave"));
  const clear = field("button", { type: "button", id: "clear" }, t("optClear"));
  const seen = field("ul", { id: "history" });

  const check = (input: HTMLInputElement, label: string) => {
    const row = field("label", { class: "check" });
    row.append(input, document.createTextNode(label));
    return row;
  };
  app.append(
    field("h1", {}, t("optionsTitle")),
    field("label", { for: "api" }, t("optApiLabel")),
    api,
    field("p", { class: "help" }, t("optApiHelp", DEFAULT_API)),
    check(auto, t("optAutoReport")),
    check(probe, t("optParentProbe")),
    field("label", { for: "ignored" }, t("optIgnored")),
    ignored,
    save,
    clear,
    status,
    field("h2", {}, t("optHistory")),
    seen,
  );

  const drawHistory = async () => {
    const items = await history.getValue();
    seen.replaceChildren(
      ...(items.length === 0
        ? [field("li", {}, t("optNoHistory"))]
        : items.map((h) =>
            field(
              "li",
              {},
              `${h.seenAt.slice(0, 16).replace("T", " ")} · ${h.url} · ${h.format} · ${t(`sev_${h.severity}`)} · ${h.files}`,
            ),
          )),
    );
  };
  save.addEventListener("click", async () => {
    const parsed = parseOptionsForm({
      apiBase: api.value,
      autoReport: auto.checked,
      parentProbe: probe.checked,
      ignoredSites: ignored.value,
    });
    if (!parsed.ok) {
      status.textContent = t("optBadApi");
      return;
    }
    await options.setValue(parsed.options);
    status.textContent = t("optSaved");
  });
  clear.addEventListener("click", async () => {
    await history.setValue([]);
    await drawHistory();
    status.textContent = t("optCleared");
  });
  await drawHistory();
}

void main();

import type { Options } from "./storage.ts";

/** Reads the options form. The API address must be an http(s) URL or empty (the build's default). */
export function parseOptionsForm(input: {
  apiBase: string;
  autoReport: boolean;
  parentProbe: boolean;
  ignoredSites: string;
}): { ok: true; options: Options } | { ok: false; field: "apiBase" } {
  const api = input.apiBase.trim();
  if (api !== "" && !(URL.canParse(api) && /^https?:$/.test(new URL(api).protocol)))
    return { ok: false, field: "apiBase" };
  const hosts = input.ignoredSites
    .split(/[\s,]+/)
    .map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/^https?:\/\//, "")
        .replace(/\/.*$/, ""),
    )
    .filter((h) => h !== "");
  return {
    ok: true,
    options: {
      apiBase: api === "" ? null : api.replace(/\/+$/, ""),
      autoReport: input.autoReport,
      parentProbe: input.parentProbe,
      ignoredSites: [...new Set(hosts)],
    },
  };
}

import { browser } from "wxt/browser";

/** A message from _locales in the browser's language (en or sv); the key itself when missing. */
export function t(key: string, ...substitutions: string[]): string {
  const getMessage = browser.i18n.getMessage as (name: string, subs?: string[]) => string;
  return getMessage(key, substitutions.length > 0 ? substitutions : undefined) || key;
}

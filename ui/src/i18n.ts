// Strings: Swedish first, English switchable; dates and numbers in the locale's format.
// en.ts is typed against sv.ts, so a missing key fails the build; test/i18n.test.mjs checks both ways.

import { sv } from "./i18n/sv.js";
import { en } from "./i18n/en.js";

export type Key = keyof typeof sv;
let lang: "sv" | "en" = "sv";
const dicts: Record<"sv" | "en", Record<Key, string>> = { sv, en };

/** `sv…` → Swedish, `en…` → English, anything else → Swedish. */
export function setLang(tag: string): void {
  lang = tag.toLowerCase().startsWith("en") ? "en" : "sv";
  document.documentElement.lang = lang;
}
export function currentLang(): "sv" | "en" { return lang; }

export function t(key: Key, vars: Record<string, string | number> = {}): string {
  let s: string = dicts[lang][key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, typeof v === "number" ? num(v) : v);
  return s;
}

export function num(n: number, digits = 0): string {
  return n.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: digits });
}

/** "2026-11-22" → "22 nov. 2026" / "22 Nov 2026". */
export function date(iso: string): string {
  const d = new Date(iso.length <= 10 ? `${iso}T12:00:00` : iso);
  return d.toLocaleDateString(lang === "sv" ? "sv-SE" : "en-GB", { year: "numeric", month: "short", day: "numeric" });
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
}

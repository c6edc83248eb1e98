// Strings: Swedish first, English switchable; dates and numbers in the locale's format.
// en.ts is typed against sv.ts, so a missing key fails the build; test/i18n.test.mjs checks both ways.

import { en } from "./i18n/en.js";
import { sv } from "./i18n/sv.js";

export type Key = keyof typeof sv;
let lang: "sv" | "en" = "sv";
const dicts: Record<"sv" | "en", Record<Key, string>> = { sv, en };

/** `sv…` → Swedish, `en…` → English, anything else → Swedish. */
export function setLang(tag: string): void {
  lang = tag.toLowerCase().startsWith("en") ? "en" : "sv";
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}
export function currentLang(): "sv" | "en" {
  return lang;
}

export function t(key: Key, vars: Record<string, string | number> = {}): string {
  let s: string = dicts[lang][key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, typeof v === "number" ? num(v) : v);
  return s;
}

const locale = (): string => (lang === "sv" ? "sv-SE" : "en-GB");

export function num(n: number, digits = 0): string {
  return n.toLocaleString(locale(), { maximumFractionDigits: digits });
}

/** A date (`2027-02-27`, or a time whose local date counts) as people read it:
 *  sv `2027-02-27`, en `27 Feb 2027`. */
export function date(iso: string): string {
  const d = iso.length <= 10 ? new Date(`${iso}T12:00:00`) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (lang === "sv") return isoDate(d);
  return d.toLocaleDateString(locale(), { year: "numeric", month: "short", day: "numeric" });
}

/** A moment (RFC 3339, usually UTC) in local time: sv `1 mars 2027 10:00`, en `1 March 2027, 10:00`. */
export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = d.toLocaleDateString(locale(), { year: "numeric", month: "long", day: "numeric" });
  const time = d.toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
  return lang === "sv" ? `${day} ${time}` : `${day}, ${time}`;
}

function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** How a date is typed: sv `2027-02-27`, en `27/02/2027`. */
export function dateInputHint(): string {
  return lang === "sv" ? "ÅÅÅÅ-MM-DD" : "DD/MM/YYYY";
}

/** A stored date (`2027-02-27`) as it is typed in the current language. */
export function toDateInput(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang === "sv" ? iso : `${m[3]}/${m[2]}/${m[1]}`;
}

/** A typed date back to `2027-02-27`, or null if it is not a real date in the
 *  current language's form (ISO is accepted in both). */
export function fromDateInput(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const gb = lang === "en" ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) : null;
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : gb ? [gb[3], gb[2], gb[1]] : [];
  if (!y) return null;
  const dt = new Date(Number(y), Number(m) - 1, Number(d), 12);
  if (dt.getFullYear() !== Number(y) || dt.getMonth() !== Number(m) - 1 || dt.getDate() !== Number(d)) return null;
  return isoDate(dt);
}

/** Today plus `days`, as a stored date. */
export function daysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return isoDate(d);
}

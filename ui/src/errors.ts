// What the shell reports as a command's error → one sentence in the user's language.

import { sv } from "./i18n/sv.js";
import { type Key, t } from "./i18n.js";

interface Coded {
  code?: unknown;
  params?: unknown;
  detail?: unknown;
}

/** The shell sends `{"code", "params", "detail"}` for the errors the core gives a
 *  code (DeskError::coded) and a plain English sentence for the rest. A code this
 *  version has no words for falls back to the English detail. */
export function explain(raw: string): { code: string; text: string } {
  let c: Coded | null = null;
  if (raw.startsWith("{")) {
    try {
      c = JSON.parse(raw) as Coded;
    } catch {
      c = null;
    }
  }
  if (!c || typeof c.code !== "string") return { code: "", text: raw };
  const key = `err.${c.code}` as Key;
  const detail = typeof c.detail === "string" ? c.detail : raw;
  if (!(key in sv)) return { code: c.code, text: detail };
  const params: Record<string, string> = {};
  if (c.params && typeof c.params === "object") for (const [k, v] of Object.entries(c.params)) params[k] = String(v);
  return { code: c.code, text: t(key, params) };
}

// What the shell reports as a command's error → one sentence in the user's language.

import type { BridgeError } from "./bindings.js";
import { sv } from "./i18n/sv.js";
import { type Key, t } from "./i18n.js";

function isBridgeError(e: unknown): e is BridgeError {
  const c = e as BridgeError | null;
  return typeof c === "object" && c !== null && typeof c.code === "string" && typeof c.detail === "string";
}

/** The shell rejects with a `BridgeError` (`{code, params, detail}`, generated from
 *  the Rust type): a code the front end words itself, or an empty code and the
 *  English detail. A code this version has no words for falls back to the detail;
 *  anything else (a failure inside Tauri) is shown as it came. */
export function explain(e: unknown): { code: string; text: string } {
  if (!isBridgeError(e)) return { code: "", text: String(e) };
  const key = `err.${e.code}` as Key;
  if (!e.code || !(key in sv)) return { code: e.code, text: e.detail };
  const params: Record<string, string> = {};
  if (e.params && typeof e.params === "object") for (const [k, v] of Object.entries(e.params)) params[k] = String(v);
  return { code: e.code, text: t(key, params) };
}

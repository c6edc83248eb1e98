// Every string exists in both languages, and every key the code uses exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { sv } from "../dist/js/i18n/sv.js";
import { en } from "../dist/js/i18n/en.js";

test("Swedish and English have the same keys, none empty", () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(sv).sort());
  for (const [k, v] of [...Object.entries(sv), ...Object.entries(en)]) assert.ok(v.trim(), `${k} is empty`);
});

test("every t(\"…\") in the sources names an existing key", () => {
  const files = readdirSync(new URL("../src/", import.meta.url), { recursive: true }).filter((f) => String(f).endsWith(".ts"));
  for (const f of files) {
    const text = readFileSync(new URL(`../src/${f}`, import.meta.url), "utf8");
    for (const m of text.matchAll(/\bt\("([a-z0-9_.]+)"/g)) assert.ok(m[1] in sv, `${f} uses the missing key ${m[1]}`);
  }
});

test("placeholders match between languages", () => {
  const vars = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
  for (const k of Object.keys(sv)) assert.equal(vars(en[k]), vars(sv[k]), k);
});

// Every string exists in both languages, and every key the code uses exists.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { en } from "../build/i18n/en.js";
import { sv } from "../build/i18n/sv.js";

test("Swedish and English have the same keys, none empty", () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(sv).sort());
  for (const [k, v] of [...Object.entries(sv), ...Object.entries(en)]) assert.ok(v.trim(), `${k} is empty`);
});

test('every t("…") in the sources names an existing key', () => {
  const files = readdirSync(new URL("../src/", import.meta.url), { recursive: true }).filter((f) =>
    /\.tsx?$/.test(String(f)),
  );
  assert.ok(
    files.some((f) => String(f).endsWith(".tsx")),
    "the components are read too",
  );
  for (const f of files) {
    const text = readFileSync(new URL(`../src/${f}`, import.meta.url), "utf8");
    for (const m of text.matchAll(/\bt\("([a-z0-9_.]+)"/g)) assert.ok(m[1] in sv, `${f} uses the missing key ${m[1]}`);
  }
});

test("placeholders match between languages", () => {
  const vars = (s) =>
    [...s.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1])
      .sort()
      .join(",");
  for (const k of Object.keys(sv)) assert.equal(vars(en[k]), vars(sv[k]), k);
});

// The front end calls only commands the shell has: a misspelt command fails only
// at run time, in the user's hands. (src-tauri/tests/commands.rs checks that the
// handler, build.rs and the capability agree with each other.)

import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const root = new URL("../../", import.meta.url).pathname;
const read = (p) => readFileSync(join(root, p), "utf8");

function handlers() {
  const main = read("src-tauri/src/main.rs");
  const list = main.slice(main.indexOf("generate_handler!["), main.indexOf("])", main.indexOf("generate_handler![")));
  return [...list.matchAll(/cmd_\w+::(\w+)/g)].map((m) => m[1]).sort();
}

function sources(dir) {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? sources(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

function called() {
  const names = new Set();
  for (const f of sources("ui/src"))
    for (const m of read(f).matchAll(/(?:call|tell)(?:<[^>]*>)?\("(\w+)"/g)) names.add(m[1]);
  return [...names].sort();
}

test("the front end calls only commands that exist", () => {
  const h = new Set(handlers());
  const unknown = called().filter((c) => !h.has(c));
  assert.deepEqual(unknown, [], `the front end calls commands the shell does not have: ${unknown}`);
});

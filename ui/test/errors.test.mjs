// Errors from the shell reach the user in Swedish, with the facts the core gave.

import assert from "node:assert/strict";
import { test } from "node:test";
import { explain } from "../build/errors.js";

const wire = (code, params, detail) => ({ code, params, detail });

test("a coded error is worded in Swedish with its parameters", () => {
  const e = explain(
    wire("export_space", { free: "12", need: "80" }, "the drive has 12 MB free, the package needs about 80 MB"),
  );
  assert.equal(e.code, "export_space");
  assert.match(e.text, /^Enheten har 12 MB ledigt, paketet behöver cirka 80 MB/);
  assert.match(
    explain(wire("media_codec", { file: "cam1.mp4", codec: "H.266" }, "x")).text,
    /H\.266 i cam1\.mp4 stöds inte/,
  );
  assert.equal(explain(wire("locked", {}, "Bevis is locked")).code, "locked");
});

test("unknown codes, plain errors and anything else fall back to the text as it came", () => {
  assert.deepEqual(explain(wire("from_a_newer_core", {}, "something new")), {
    code: "from_a_newer_core",
    text: "something new",
  });
  assert.deepEqual(explain(wire("", {}, "the end of the recording")), { code: "", text: "the end of the recording" });
  assert.deepEqual(explain("a failure inside Tauri"), { code: "", text: "a failure inside Tauri" });
  assert.deepEqual(explain({ code: 7 }), { code: "", text: "[object Object]" });
  assert.ok(!explain(wire("media_corrupt", { file: "a.avi" }, "x")).text.includes("{"), "no placeholder left over");
});

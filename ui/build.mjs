// Builds ui/dist, what the Tauri shell embeds: the static files, and the app bundled
// by esbuild into one ES module (Preact included; nothing is loaded from elsewhere,
// so the CSP stays 'self'). Type checking is tsc's job (scripts/ui.sh).
import { cpSync, rmSync } from "node:fs";
import { build } from "esbuild";

const dist = new URL("./dist/", import.meta.url);
rmSync(dist, { recursive: true, force: true });
cpSync(new URL("./static/", import.meta.url), dist, { recursive: true });
await build({
  entryPoints: [new URL("./src/main.tsx", import.meta.url).pathname],
  outfile: new URL("./dist/js/main.js", import.meta.url).pathname,
  bundle: true,
  format: "esm",
  target: "es2022",
  jsx: "automatic",
  jsxImportSource: "preact",
  minify: true,
  legalComments: "inline",
  logLevel: "warning",
});

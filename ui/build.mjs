// Copies the static files next to the compiled scripts: dist/ is what Tauri embeds.
import { cpSync } from "node:fs";
cpSync(new URL("./static/", import.meta.url), new URL("./dist/", import.meta.url), { recursive: true });

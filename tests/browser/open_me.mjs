// Drives OPEN-ME.html in headless Chromium like a police officer would:
// choose the package, type the password, verify, save the files.
//   [SHOT=case-sheet.png] node open_me.mjs OPEN-ME.html PACKAGE PASSWORD OUTDIR
// Prints a JSON summary; exits 1 when the page rejects the package.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

const [pagePath, pkg, password, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  // Take the download path (Firefox has no File System Access API; neither has headless automation).
  await page.addInitScript(() => { window.showDirectoryPicker = undefined; });
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) requests.push(r.url()); });
  await page.goto("file://" + resolve(pagePath));
  await page.setInputFiles("#file", pkg);
  await page.fill("#pw", password);
  await page.click("#verify");
  await page.waitForSelector("#status.ok, #status.bad", { timeout: 120000 });
  const verdict = await page.textContent("#status");
  if ((await page.getAttribute("#status", "class")) !== "ok") {
    console.log(JSON.stringify({ ok: false, status: verdict }));
    process.exit(1);
  }
  const details = await page.textContent("#details");
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT, fullPage: true });
  const downloads = [];
  page.on("download", (d) => downloads.push(d));
  await page.click("#save");
  await page.waitForSelector("#status.ok >> text=saved", { timeout: 120000 });
  let seen = -1;
  while (seen !== downloads.length) { seen = downloads.length; await page.waitForTimeout(500); }
  const files = [];
  for (const d of downloads) { const name = d.suggestedFilename(); await d.saveAs(resolve(out, name)); files.push(name); }
  console.log(JSON.stringify({ ok: true, status: verdict, details, files, requests }));
} finally {
  await browser.close();
}

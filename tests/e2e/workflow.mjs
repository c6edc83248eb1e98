// The intendent's whole workflow in the real Bevis window, driven by WebDriver:
// first run → login → review session on vtest.avi → in/out → crop → a blur track
// with two keyframes → export to a folder standing in for the drive → `bevis verify`
// accepts the package (the export runs in the background while the user navigates)
// → leaving the workspace stops all viewing (the register's record does not move) →
// the clock passes delete-by → delete it from the register screen → audit verify OK.
// Saves a screenshot of every screen.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { Driver, sleep } from "./webdriver.mjs";

const { APP, BEVIS, FOOTAGE, SHOTS = "target/e2e", WD = "http://127.0.0.1:4444" } = process.env;
const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "../..");
const work = mkdtempSync(join(tmpdir(), "bevis-e2e-"));
const data = join(work, "data"), usb = join(work, "usb");
mkdirSync(usb);
mkdirSync(SHOTS, { recursive: true });
const shot = async (d, name) => { await sleep(400); writeFileSync(join(SHOTS, `${name}.png`), await d.screenshot()); };
const step = (s) => console.log(`e2e: ${s}`);
const check = (ok, what) => { if (!ok) throw new Error(`check failed: ${what}`); };
/** Near-black pixels in the bottom-left quarter of the picture: the burned-in caption's band. */
const DARK = `const c = document.querySelector("[data-testid=video]"), h = Math.ceil(c.height / 4);
  const px = c.getContext("2d").getImageData(0, c.height - h, Math.floor(c.width / 2), h).data;
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i] + px[i + 1] + px[i + 2] < 60) n++;
  return n;`;
const dark = (d) => d.cmd("POST", "/execute/sync", { script: DARK, args: [] });
/** Waits (10 s) until `ok` holds for what `read` gives. */
async function until(read, ok, what) {
  let v;
  for (const end = Date.now() + 10000; Date.now() < end; await sleep(200)) if (ok((v = await read()))) return;
  throw new Error(`check failed: ${what} (last: ${v})`);
}

async function firstDay() {
  const d = await Driver.start(WD, APP, ["--data-dir", data, "--footage", FOOTAGE, "--now", "2026-11-22T09:00:00Z"]);
  try {
    step("first-run setup");
    await d.type("#org", "Exempelskolan");
    await d.type("#admin", "it");
    await d.type("#pw", "admin lösenord 1");
    await d.type("#pw2", "admin lösenord 1");
    await shot(d, "01-setup");
    await d.click("[data-testid=setup] button[type=submit]");
    await d.find("[data-testid=home]");
    step("log out and in again");
    await d.click("[data-testid=logout]");
    await d.type("#user", "it");
    await d.type("#pw", "fel lösenord");
    await d.click("[data-testid=login] button[type=submit]");
    check((await d.text("[data-testid=error]", { text: "Fel användarnamn eller lösenord" })).length > 0, "a wrong password is refused, in Swedish");
    await shot(d, "02-login");
    await d.type("#pw", "admin lösenord 1");
    await d.click("[data-testid=login] button[type=submit]");
    await d.find("[data-testid=home]");
    await shot(d, "03-home");
    await review(d);
  } catch (e) { await shot(d, "failure").catch(() => {}); throw e; } finally { await d.quit(); }
}

async function request(d) {
  step("a police request arrives: recorded with its deadline, shown on the home screen");
  await d.click("[data-testid=nav-requests]");
  await d.find("[data-testid=requests]");
  await d.click("[data-testid=new-request]");
  await d.type("#received", "2026-11-21");
  await d.type("#requester", "Polisen, Östersund");
  await d.type("#asked", "Korridor A 2026-11-21 kl. 12:40");
  await d.click("[data-testid=save-request]");
  await d.find("[data-testid=request-detail]");
  await d.find("[data-testid=request-1]", { text: "2026-12-05" });
  await shot(d, "15-requests");
  await d.click("[data-testid=nav-home]");
  await d.find("[data-testid=home-requests]", { text: "Polisen, Östersund" });
  await d.click("[data-testid=nav-requests]");
  await d.click("[data-testid=request-1]");
  await d.click("[data-testid=open-review]");
  await d.find("[data-testid=for-request]");
}

async function review(d) {
  await request(d);
  step("new review session on vtest.avi, for the request");
  await d.type("#case", "K-2026-0042");
  await d.type("#title", "Bråk i korridoren");
  await d.type("#note", "Lärare rapporterade bråk");
  const demo = await d.value("#path");
  check(demo.endsWith(".avi"), "the demo footage is filled in");
  const broken = join(work, "trasig.mp4");
  writeFileSync(broken, randomBytes(4096));
  await d.type("#path", broken);
  await d.click("#camera"); // leaving the field reads the file
  await d.find("[data-testid=facts]", { text: "trasig.mp4 är ingen videofil som Bevis kan läsa" });
  await d.type("#path", demo);
  await d.click("#camera");
  await d.find("[data-testid=facts]", { text: "768×576" });
  await d.type("#camera", "Korridor A");
  await d.type("#start", "2026-11-21T12:40:00");
  await d.click("#camera");
  await d.find("[data-testid=facts]", { text: "startade 2026-11-21 12:40:00" });
  check((await d.value("#to")) === "2026-11-21 12:41:19", "the typed start suggests the whole recording as the window");
  await d.type("#from", "2026-11-21 12:40:10");
  await d.type("#to", "2026-11-21 12:40:40");
  await shot(d, "04-new-session");
  await d.click("[data-testid=open-session]");
  await d.find("[data-testid=clock]", { text: "12:40:10", ms: 30000 });
  step("frame stepping, in and out");
  await d.click("[data-testid=next]");
  await d.find("[data-testid=clock]", { text: "bild 101" });
  await d.key("left");
  await d.find("[data-testid=clock]", { text: "bild 100" });
  await d.key("i");
  await d.key("right", { shift: true });
  await d.key("right", { shift: true });
  await d.find("[data-testid=clock]", { text: "12:40:12" });
  await d.key("o");
  step("crop and a blur track with two keyframes");
  await d.key("left", { shift: true });
  await d.find("[data-testid=clock]", { text: "12:40:11" });
  await d.click("[data-testid=tool-crop]");
  await d.drag("[data-testid=video]", [-300, -170], [280, 170]);
  await d.click("[data-testid=tool-track]");
  await d.drag("[data-testid=video]", [-60, -80], [0, 60]);
  await d.find("[data-testid=track-editor]", { text: "1 " });
  for (let i = 0; i < 5; i++) await d.key("right");
  await d.find("[data-testid=clock]", { text: "bild 115" });
  await d.drag("[data-testid=video]", [-30, 0], [40, 10]);
  await d.find("[data-testid=track-editor]", { text: "2 nyckelbilder" });
  await d.key("s");
  await d.find("[data-testid=still]", { text: "1" });
  step("find people in the clip: proposals with thumbnails; reject one, accept the rest");
  await d.click("[data-testid=find-people]");
  await d.find("[data-testid=proposal]", { ms: 180000 });
  await d.reveal("[data-testid=proposal]");
  await sleep(800);
  await shot(d, "05a-find-people");
  const proposed = await d.count("[data-testid=proposal]");
  check(proposed >= 2, `several people proposed in 12:40:10–12:40:12 (${proposed})`);
  check(await d.exists("[data-testid=proposal] img[src^='data:image/jpeg']"), "each proposal has a thumbnail");
  await d.reveal("[data-testid=reject]");
  await d.click("[data-testid=reject]");
  await d.reveal("[data-testid=accept-all]");
  check((await d.count("[data-testid=proposal]")) === proposed - 1, "a rejected proposal is gone");
  await d.click("[data-testid=accept-all]");
  check(!(await d.exists("[data-testid=proposal]")), "accepted proposals are ordinary tracks");
  await d.reveal("[data-testid=new-clip]");
  step("a second and a third clip of the same recording");
  await d.click("[data-testid=new-clip]");
  await d.find("[data-testid=clip-2]");
  await d.click("[data-testid=new-clip]");
  await d.find("[data-testid=clip-3]");
  await sleep(800);
  await shot(d, "05-workspace");
  await exportIt(d);
}

async function exportIt(d) {
  step("export wizard");
  await d.click("[data-testid=export]");
  step("the burned-in caption turned off and on: the picture behind the wizard follows");
  const banded = await dark(d);
  await d.reveal("#burn");
  await d.click("#burn");
  await until(() => dark(d), (n) => n < banded / 2, `the caption band (${banded} dark pixels) leaves the picture`);
  await d.click("#burn");
  await until(() => dark(d), (n) => n >= banded * 0.95, `the caption band (${banded} dark pixels) is back`);
  await d.type("#recipient", "Polisen, Östersund");
  const deleteBy = await d.value("#deleteby");
  check(/^\d{4}-\d{2}-\d{2}$/.test(deleteBy), `the delete-by date is written the Swedish way (${deleteBy})`);
  await d.type("#drive", usb);
  step("the original footage goes in as a lossless cut, with a reason");
  await d.click("[data-testid=export-original] input[value=cut]");
  await d.type("#original-why", "Polisen begär originalet som huvudbevis");
  step("the leak check finds who would be left unmasked; one click masks them");
  await d.click("[data-testid=leak-check]");
  await d.find("[data-testid=leak-passed], [data-testid=leak-mask-all]", { ms: 240000 });
  if (await d.exists("[data-testid=leak-mask-all]")) {
    await shot(d, "06a-leak-check");
    await d.click("[data-testid=leak-mask-all]");
  }
  await d.find("[data-testid=leak-passed]", { ms: 240000 });
  await shot(d, "06-export");
  await d.click("[data-testid=start-export]");
  step("the export runs in the background while the user looks at the register");
  await d.click("[data-testid=export-background]");
  await d.click("[data-testid=nav-register]");
  await d.find("[data-testid=register]");
  await d.find("[data-testid=job-chip]", { text: "Export" });
  await shot(d, "06b-export-background");
  await d.click("[data-testid=nav-home]");
  await d.find("[data-testid=home]");
  // When it is done, its result (the password, shown once) opens over whatever shows.
  const password = await d.text("[data-testid=password]", { ms: 180000 });
  const container = await d.text("[data-testid=container]");
  await shot(d, "07-export-done");
  check(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){5}$/.test(password), `a generated password is shown once (${password})`);
  step("bevis verify accepts the package");
  const pw = join(work, "pw");
  writeFileSync(pw, password);
  const out = execFileSync(BEVIS, ["verify", container, "--package-password-file", pw], { encoding: "utf8" });
  check(out.includes("contents    OK"), out);
  const dec = join(work, "dec");
  execFileSync(BEVIS, ["decrypt", container, "--package-password-file", pw, "--out", dec]);
  const probe = execFileSync("ffprobe", ["-v", "error", "-count_frames", "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0", join(dec, "clips/clip-1.mp4")], { encoding: "utf8" });
  console.log(`e2e: exported clip (width,height,frames) = ${probe.trim()}`);
  check(readdirSync(join(dec, "stills")).length === 1, "the still marked with S is in the package");
  check(existsSync(join(dec, "clips/clip-2.mp4")), "the second clip is in the package");
  check(existsSync(join(dec, "clips/clip-3.mp4")), "the third clip is in the package");
  check(probe.trim().endsWith(",21"), `in at 12:40:10, out on the frame at 12:40:12 (inclusive): 21 frames at 10 fps: ${probe}`);
  const originals = readdirSync(join(dec, "originals"));
  check(originals.length === 3 && originals.every((f) => f.endsWith(".mkv")), `a lossless cut per clip: ${originals}`);
  check(existsSync(join(dec, "clips/clip-1.vtt")), "the working copy has its subtitles");
  step("OPEN-ME.html shows the case sheet");
  const sheet = JSON.parse(execFileSync("node", [join(ROOT, "tests/browser/open_me.mjs"), join(dirname(container), "OPEN-ME.html"), container, password, join(work, "browser")],
    { encoding: "utf8", env: { ...process.env, SHOT: join(SHOTS, "14-case-sheet.png") } }));
  check(sheet.ok && sheet.details.includes("originals/clip-1-") && sheet.details.includes("OSL 2009:400"), "the case sheet lists the originals and their warning");
  await d.click("[data-testid=export-close]");
  globalThis.container = container;
  step("the request is decided and delivered with the package");
  await d.click("[data-testid=nav-requests]");
  await d.click("[data-testid=request-1]");
  await d.type("[data-testid=decide] #ground", "RB 23 kap. 6 §: förundersökning om misshandel");
  await d.click("[data-testid=decide] button");
  await d.find("[data-testid=request-status]", { text: "Beslutad" });
  await d.click("[data-testid=deliver]");
  await d.find("[data-testid=request-status]", { text: "Levererad" });
  await shot(d, "16-request-delivered");
  await d.click("[data-testid=nav-home]");
  await d.find("[data-testid=home]");
  await leaving(d);
}

/** What the register says was seen: the `view` rows and the session's played ranges. */
function cli(...args) {
  const pw = join(work, "it.pw");
  writeFileSync(pw, "admin lösenord 1");
  return execFileSync(BEVIS, ["--data-dir", data, "--user", "it", "--password-file", pw, ...args], { encoding: "utf8" });
}

function seen() {
  const views = JSON.parse(cli("audit", "list", "--json")).filter((e) => e.action === "view").map((e) => e.detail);
  const played = JSON.parse(cli("session", "list", "--json")).map((s) => s.played);
  return JSON.stringify({ views, played });
}

async function leaving(d) {
  step("leaving the workspace stops all viewing: nothing is shown or recorded after it");
  // The export wizard was started from the workspace, and the user navigated away
  // while it ran: the workspace is gone. Its editor keys must be too.
  await sleep(1000);
  const before = seen();
  const played = JSON.parse(before).played.flat();
  check(played.length > 0 && played.every((p) => p.from >= "2026-11-21T12:40:10" && p.to < "2026-11-21T12:40:13"),
    `what was recorded as played is what was shown (12:40:10–12:40:12): ${JSON.stringify(played)}`);
  await d.key(" ");
  await d.key("right");
  await sleep(2500);
  check(seen() === before, "no frame was fetched or recorded after the workspace was left by navigation");
  step("the same after leaving by logout");
  await d.click("[data-testid=session-1]");
  await d.find("[data-testid=clock]", { text: "12:40:10", ms: 30000 });
  await d.key(" ");
  await sleep(1500);
  await d.click("[data-testid=logout]");
  await d.find("[data-testid=login]");
  await sleep(1000);
  const afterPlay = seen();
  await d.key(" ");
  await sleep(2500);
  check(seen() === afterPlay, "no frame was fetched or recorded after logging out");
}

/** Waits (up to 15 s) until the app has ended by itself (after logging out) — ending
 *  the WebDriver session first would kill it, which no user or system does. */
async function appExited() {
  for (let i = 0; i < 150; i++) {
    try {
      execFileSync("pgrep", ["-f", "--", `--data-dir ${data}`]);
    } catch {
      return;
    }
    await sleep(100);
  }
  throw new Error("the app did not end by itself");
}

/** Ending the app while the workspace plays — as the system does at shutdown or logout
 *  (SIGTERM): what was shown is still written down. (WebDriver's "close window" ends the
 *  app without any event reaching it, so it cannot stand in for a user closing it.) */
async function closing() {
  const d = await Driver.start(WD, APP, ["--data-dir", data, "--now", "2026-11-22T10:00:00Z"]);
  let before = "";
  try {
    await d.type("#user", "it");
    await d.type("#pw", "admin lösenord 1");
    await d.click("[data-testid=login] button[type=submit]");
    await d.click("[data-testid=session-1]");
    await d.find("[data-testid=clock]", { text: "12:40:10", ms: 30000 });
    step("a dialog closes with Escape, and the keys work again at once");
    await d.click("[data-testid=clock-button]");
    await d.find("[data-testid=clock-dialog]");
    await d.key("escape");
    await d.gone("[data-testid=clock-dialog]");
    await d.key("right", { shift: true });
    await d.find("[data-testid=clock]", { text: "12:40:11" });
    step("the recorder's clock: it showed 12:40:00 when the real time was 12:40:05");
    await d.click("[data-testid=clock-button]");
    await d.type("#clock-recorder", "12:40:00");
    await d.type("#clock-real", "12:40:05");
    await d.type("#clock-how", "mobiltelefonens klocka mot inspelarens skärm");
    await shot(d, "13-clock");
    await d.click("[data-testid=clock-save]");
    await d.find("[data-testid=clock]", { text: "12:40:16 (rätt tid)" });
    const listed = JSON.parse(cli("session", "list", "--json"))[0].sources[0];
    check(listed.clock_offset_s === -5 && listed.clock_how.includes("mobiltelefonens"), `the offset is stored: ${JSON.stringify(listed)}`);
    step("ending the app while playing (SIGTERM): what was shown is recorded, nothing after");
    // The focus went back to the clock button when the dialog closed: the keys work at once.
    await d.gone("[data-testid=clock-dialog]");
    for (let i = 0; i < 14; i++) await d.key("right", { shift: true });
    await d.find("[data-testid=clock]", { text: "12:40:30 (rätt tid)" });
    await sleep(500);
    before = seen();
    await d.click("[data-testid=play]");
    await d.find("[data-testid=clock]", { text: "12:40:31" });
    await d.click("[data-testid=play]");
    execFileSync("pkill", ["-TERM", "-f", "--", `bevis-app --data-dir ${data}`]);
    await appExited();
  } catch (e) {
    await shot(d, "failure-closing").catch(() => {});
    throw e;
  } finally {
    await d.quit().catch(() => {});
  }
  await sleep(1000);
  const after = seen();
  const played = JSON.parse(after).played.flat();
  check(after !== before && played.some((p) => p.from <= "2026-11-21T12:40:25" && p.to >= "2026-11-21T12:40:26"),
    `the range shown before the app ended was written as it ended: ${JSON.stringify(played)}`);
  await sleep(1500);
  check(seen() === after, "nothing more after the app ended");
}

async function monthsLater() {
  const d = await Driver.start(WD, APP, ["--data-dir", data, "--now", "2027-03-01T09:00:00Z"]);
  try {
    step("months later: the reminder, then delete from the register screen");
    await d.type("#user", "it");
    await d.type("#pw", "admin lösenord 1");
    await d.click("[data-testid=login] button[type=submit]");
    await d.find(".reminder.package_expired", { text: "K-2026-0042" });
    await shot(d, "08-home-reminder");
    await d.click("[data-testid=nav-register]");
    await d.type("[data-testid=sweep-drive]", usb);
    await d.click("[data-testid=sweep-scan]");
    await d.find("[data-testid=sweep-result]", { text: "utgånget" });
    await shot(d, "09-register");
    await d.click("[data-testid^=wipe-]");
    await d.find("[data-testid=sweep-result]", { text: "raderat och kontrollerat" });
    check(!existsSync(globalThis.container), "the package is gone from the drive");
    check(readdirSync(usb).length === 0, "nothing left on the drive");
    step("audit verify");
    await d.click("[data-testid=nav-audit]");
    await d.click("[data-testid=audit-verify]");
    await d.find("[data-testid=audit-verdict]", { text: "obruten" });
    await d.find("[data-testid=audit]", { text: "1 mars 2027" }); // times in Swedish, local time
    await shot(d, "10-audit");
    await d.click("[data-testid=nav-report]");
    await d.find("[data-testid=report] svg", { ms: 20000 });
    await d.find("[data-testid=report]", { text: "skapad 1 mars 2027" });
    await shot(d, "11-report");
    await d.click("[data-testid=nav-settings]");
    await d.find("#retention_days");
    await shot(d, "12-settings");
  } catch (e) { await shot(d, "failure").catch(() => {}); throw e; } finally { await d.quit(); }
}

await firstDay();
await closing();
await monthsLater();
console.log(`e2e: the whole workflow passed; screenshots in ${SHOTS}`);

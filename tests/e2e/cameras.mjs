// One incident, two cameras, in the real Bevis window: a session opened with the
// CLI on camera A gets camera B (its recorder 67 s fast) from the workspace, with a
// logged reason, and shows a grid; B's clock is corrected from the app; after that both cameras show the same frame number at
// the same real moment while stepping (read from the pixels of both pictures);
// one camera can be maximised; one export holds both clips, on one clock; a new
// session can also be opened on both recordings at once.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { Driver, sleep } from "./webdriver.mjs";

const { APP, BEVIS, FOOTAGE_DIR, SHOTS = "target/e2e", WD = "http://127.0.0.1:4444" } = process.env;
const NOW = "2026-11-22T09:00:00Z";
const work = mkdtempSync(join(tmpdir(), "bevis-e2e-cams-"));
const data = join(work, "data"), usb = join(work, "usb"), pw = join(work, "it.pw");
mkdirSync(usb);
mkdirSync(SHOTS, { recursive: true });
writeFileSync(pw, "admin lösenord 1");
const shot = async (d, name) => { await sleep(400); writeFileSync(join(SHOTS, `${name}.png`), await d.screenshot()); };
const step = (s) => console.log(`e2e cameras: ${s}`);
const check = (ok, what) => { if (!ok) throw new Error(`check failed: ${what}`); };
const cli = (...args) =>
  execFileSync(BEVIS, ["--data-dir", data, "--password-file", pw, ...args], { encoding: "utf8", env: { ...process.env, BEVIS_NOW: NOW } });

/** The frame number drawn into the top-left of a camera's picture (16 blocks of
 *  width/24 source pixels, white = 1), read from the canvas that shows it. */
const READ = `
  const c = document.querySelector(arguments[0]), src = arguments[1];
  const scale = c.width / src, block = Math.max(8, Math.min(24, Math.floor(src / 24)));
  const px = c.getContext("2d").getImageData(0, 0, c.width, Math.ceil(block * scale)).data;
  let n = 0;
  for (let bit = 0; bit < 16; bit++) {
    const x = Math.floor((bit * block + block / 2) * scale), y = Math.floor((block / 2) * scale);
    const i = (y * c.width + x) * 4;
    n = (n << 1) | ((px[i] + px[i + 1] + px[i + 2]) / 3 > 128 ? 1 : 0);
  }
  return n;`;
const code = (d, css) => d.cmd("POST", "/execute/sync", { script: READ, args: [css, 320] });

function setUp() {
  step("the CLI sets up the installation and opens a session on camera A");
  cli("init", "--org", "Exempelskolan", "--admin", "it");
  cli("--user", "it", "case", "open", "K-7", "--title", "Bråk som flyttade sig");
  cli("--user", "it", "session", "open", "--case", "K-7", "--reason", "violence_threat", "--note", "bråk i korridoren",
    "--source", join(FOOTAGE_DIR, "cam-korridor.mp4"), "--camera", "Korridor A", "--start", "2026-11-21T12:40:00",
    "--from", "2026-11-21T12:40:00", "--to", "2026-11-21T12:40:20");
  return JSON.parse(cli("--user", "it", "session", "list", "--json"))[0].id;
}

async function review(d, id) {
  await d.type("#user", "it");
  await d.type("#pw", "admin lösenord 1");
  await d.click("[data-testid=login] button[type=submit]");
  await d.click(`[data-testid=session-${id}]`);
  step("the fight moved to the entrance: camera B is added from the workspace, with a reason");
  await d.click("[data-testid=add-camera-button]");
  await d.type("#cam-path", join(FOOTAGE_DIR, "cam-entre.mp4"));
  await d.type("#cam-name", "Entré");
  await d.type("#cam-start", "2026-11-21T12:41:12");
  await d.type("#cam-why", "bråket fortsatte vid entrén");
  await shot(d, "18-add-camera");
  await d.click("[data-testid=cam-save]");
  await d.find("[data-testid=grid]");
  const added = JSON.parse(cli("--user", "it", "audit", "list", "--json")).filter((e) => e.action === "camera_added");
  check(added.length === 1 && added[0].detail.includes("fortsatte vid entrén"), "the added camera and its reason are logged");
  step("before B's clock is corrected, B has no footage at 12:40:00");
  await d.find("[data-testid=caption-1]", { text: "ingen inspelning" });
  await d.find("[data-testid=caption-0]", { text: "bild 0" });
  step("camera B is chosen and its recorder's clock corrected: +67 s");
  await d.click("[data-testid=tile-1]");
  await d.find("[data-testid=cell-1].on");
  await d.click("[data-testid=clock-button]");
  await d.type("#clock-seconds", "+67");
  await d.type("#clock-how", "jämfört med skolans NTP-server");
  await d.click("[data-testid=clock-save]");
  step("one second into B (12:40:06 real time), then three steps: both show the same moment");
  await d.click("[data-testid=next]");
  await d.find("[data-testid=caption-0]", { text: "bild 1" });
  await d.key("right", { shift: true });
  await d.find("[data-testid=caption-1]", { text: "bild 10" });
  for (let i = 0; i < 3; i++) await d.click("[data-testid=next]");
  await d.find("[data-testid=caption-1]", { text: "bild 13" });
  await d.find("[data-testid=caption-0]", { text: "bild 63" });
  await d.find("[data-testid=grid-clock]", { text: "12:40:06" });
  const [a, b] = [await code(d, "[data-testid=tile-0]"), await code(d, "[data-testid=cell-1] canvas")];
  check(a === 63 && b === 63, `the frame numbers drawn in both pictures agree: A ${a}, B ${b}`);
  await d.key("s");
  await d.find("[data-testid=still]", { text: "1" });
  await shot(d, "17-cameras");
  step("one camera maximised, then the grid again");
  await d.click("[data-testid=maximise]");
  check(!(await d.exists("[data-testid=grid]")), "only the edited camera shows");
  await d.click("[data-testid=maximise]");
  await d.find("[data-testid=grid]");
}

async function exportBoth(d) {
  step("one export, both cameras");
  await d.click("[data-testid=export]");
  await d.find("[data-testid=export-clips]", { text: "Entré" });
  await d.find("[data-testid=export-stills]", { text: "Entré" });
  await d.type("#recipient", "Polisen");
  await d.type("#drive", usb);
  await d.click("[data-testid=leak-check]");
  await d.find("[data-testid=leak-passed], [data-testid=leak-mask-all]", { ms: 240000 });
  if (await d.exists("[data-testid=leak-mask-all]")) await d.click("[data-testid=leak-mask-all]");
  await d.find("[data-testid=leak-passed]", { ms: 240000 });
  await d.click("[data-testid=start-export]");
  const password = await d.text("[data-testid=password]", { ms: 180000 });
  const container = await d.text("[data-testid=container]");
  const pwf = join(work, "pkg.pw");
  writeFileSync(pwf, password);
  const dec = join(work, "dec");
  execFileSync(BEVIS, ["decrypt", container, "--package-password-file", pwf, "--out", dec]);
  check(existsSync(join(dec, "clips/clip-1.mp4")) && existsSync(join(dec, "clips/clip-2.mp4")), "both clips in one package");
  const m = JSON.parse(readFileSync(join(dec, "manifest.json"), "utf8"));
  const [ca, cb] = m.clips;
  check(ca.camera === "Korridor A" && cb.camera === "Entré", `each clip names its camera: ${ca.camera}, ${cb.camera}`);
  check(cb.time_from === "2026-11-21T12:40:05.000+01:00", `B on the real clock: ${cb.time_from}`);
  check(cb.recorder_from === "2026-11-21T12:41:12.000+01:00", `B's own clock kept: ${cb.recorder_from}`);
  const stills = readdirSync(join(dec, "stills"));
  check(stills.length === 1 && stills[0].startsWith("clip-2-still-"), `the still marked on B is of B's clip: ${stills}`);
  await d.click("[data-testid=export-close]");
}

/** The same incident opened on both cameras at once from the new-session screen. */
async function openBoth(d) {
  step("a new session opened on both recordings at once");
  await d.click("[data-testid=nav-home]");
  await d.click("[data-testid=new-session]");
  await d.type("#case", "K-7");
  await d.type("#note", "bråket i korridoren och vid entrén");
  await d.type("#path", join(FOOTAGE_DIR, "cam-korridor.mp4"));
  await d.click("#camera"); // leaving the field reads the file
  await d.find("[data-testid=facts]", { text: "320×180" });
  await d.type("#camera", "Korridor A");
  await d.type("#start", "2026-11-21 12:40"); // as people type it: the form takes it
  await d.click("[data-testid=add-recording]");
  await d.type("#path-2", join(FOOTAGE_DIR, "cam-entre.mp4"));
  await d.click("#camera-2");
  await d.find("[data-testid=facts-2]", { text: "320×180" });
  await d.type("#camera-2", "Entré");
  await d.type("#start-2", "2026-11-21 12:41:12");
  await d.type("#from", "2026-11-21 12:40:00");
  await d.type("#to", "2026-11-21 12:40:20");
  await shot(d, "04b-new-session-cameras");
  await d.click("[data-testid=open-session]");
  await d.find("[data-testid=grid]");
  await d.find("[data-testid=caption-1]", { text: "Entré" });
  const s = JSON.parse(cli("--user", "it", "session", "list", "--json")).at(-1);
  const [sa, sb] = s.sources;
  check(s.sources.length === 2 && sb.camera === "Entré", `both recordings in the session: ${JSON.stringify(s.sources)}`);
  check(sa.start === "2026-11-21T12:40:00" && sb.start === "2026-11-21T12:41:12", `the starts as typed: ${sa.start}, ${sb.start}`);
}

const id = setUp();
const d = await Driver.start(WD, APP, ["--data-dir", data, "--now", NOW]);
try {
  await review(d, id);
  await exportBoth(d);
  await openBoth(d);
  step("done");
} catch (e) {
  await shot(d, "cameras-failure").catch(() => {});
  throw e;
} finally {
  await d.quit().catch(() => {});
}

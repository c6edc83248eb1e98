// A minimal W3C WebDriver client over fetch (Node 20): enough to drive the real
// Bevis window through tauri-driver → WebKitWebDriver. No dependencies.

const KEYS = { right: "\uE014", left: "\uE012", shift: "\uE008", enter: "\uE007", escape: "\uE00C" };

export class Driver {
  constructor(base, id) { this.base = base; this.id = id; }

  static async start(base, application, args) {
    const caps = { capabilities: { alwaysMatch: { "tauri:options": { application, args } } } };
    const r = await req(base, "POST", "/session", caps);
    return new Driver(base, r.sessionId);
  }
  cmd(method, path, body) { return req(this.base, method, `/session/${this.id}${path}`, body); }
  quit() { return this.cmd("DELETE", ""); }

  /** Waits (up to `ms`) for an element matching `css`, optionally whose text includes `text`. */
  async find(css, { ms = 20000, text } = {}) {
    const until = Date.now() + ms;
    let last = "";
    while (Date.now() < until) {
      try {
        const els = await this.cmd("POST", "/elements", { using: "css selector", value: css });
        for (const e of els) {
          const id = Object.values(e)[0];
          if (text === undefined) return id;
          last = await this.cmd("GET", `/element/${id}/text`);
          if (last.includes(text)) return id;
        }
      } catch { /* the page may be re-rendering */ }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${css}${text ? ` with "${text}" (last: "${last}")` : ""}`);
  }
  /** Runs `f` on the first match; finds it again if the page re-rendered it in between. */
  async on(css, opts, f) {
    for (let tries = 1; ; tries++) {
      const id = await this.find(css, opts);
      try { return await f(id); } catch (e) {
        if (tries >= 5 || !String(e.message).includes("stale element")) throw e;
      }
    }
  }
  click(css, opts) { return this.on(css, opts, (id) => this.cmd("POST", `/element/${id}/click`, {})); }
  type(css, text) {
    return this.on(css, {}, async (id) => {
      await this.cmd("POST", `/element/${id}/clear`, {});
      await this.cmd("POST", `/element/${id}/value`, { text });
    });
  }
  text(css, opts) { return this.on(css, opts, (id) => this.cmd("GET", `/element/${id}/text`)); }
  value(css) { return this.on(css, {}, (id) => this.cmd("GET", `/element/${id}/property/value`)); }
  async exists(css) { return (await this.cmd("POST", "/elements", { using: "css selector", value: css })).length > 0; }
  /** Waits (up to `ms`) until nothing matches `css`. */
  async gone(css, { ms = 10000 } = {}) {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (!(await this.exists(css))) return;
    throw new Error(`timed out waiting for ${css} to go`);
  }
  /** Scrolls the first match into the middle of its scrolling panel. */
  async reveal(css) {
    await this.find(css);
    await this.cmd("POST", "/execute/sync", { script: "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });", args: [css] });
  }
  async count(css) { return (await this.cmd("POST", "/elements", { using: "css selector", value: css })).length; }

  /** Presses a key (with Shift when asked) on the focused document. */
  async key(name, { shift = false } = {}) {
    const k = KEYS[name] ?? name;
    const down = [...(shift ? [{ type: "keyDown", value: KEYS.shift }] : []), { type: "keyDown", value: k }, { type: "keyUp", value: k }, ...(shift ? [{ type: "keyUp", value: KEYS.shift }] : [])];
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "kb", actions: down }] });
    await this.cmd("DELETE", "/actions");
  }

  /** Drags with the mouse inside element `css`, offsets from its centre. */
  async drag(css, from, to) {
    const origin = { "element-6066-11e4-a52e-4f735466cecf": await this.find(css) };
    const actions = [
      { type: "pointerMove", duration: 0, origin, x: from[0], y: from[1] },
      { type: "pointerDown", button: 0 },
      { type: "pointerMove", duration: 150, origin, x: Math.round((from[0] + to[0]) / 2), y: Math.round((from[1] + to[1]) / 2) },
      { type: "pointerMove", duration: 150, origin, x: to[0], y: to[1] },
      { type: "pointerUp", button: 0 },
    ];
    await this.cmd("POST", "/actions", { actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions }] });
    await this.cmd("DELETE", "/actions");
  }

  async screenshot() { return Buffer.from(await this.cmd("GET", "/screenshot"), "base64"); }
}

async function req(base, method, path, body) {
  const r = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await r.json();
  if (!r.ok || (json.value && json.value.error)) throw new Error(`${method} ${path}: ${JSON.stringify(json.value).slice(0, 400)}`);
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

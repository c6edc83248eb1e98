// Minimal start screen: shows the footage the app was started with.
// The full review workspace replaces this in the desktop-app issue.
const invoke = window.__TAURI__ ? window.__TAURI__.core.invoke : null;

const labels = {
  container: "Behållare", codec: "Kodek", size: "Upplösning", rate: "Bildfrekvens",
  duration: "Längd", start: "Inspelningen startade", segments: "Segment",
};

function row(dl, key, value) {
  const dt = document.createElement("dt");
  dt.textContent = labels[key];
  const dd = document.createElement("dd");
  dd.textContent = value;
  dl.append(dt, dd);
}

async function start() {
  const status = document.getElementById("status");
  if (!invoke) { status.textContent = "Tauri saknas."; return; }
  const path = await invoke("startup_footage");
  if (!path) { status.textContent = "Ingen inspelning vald."; return; }
  try {
    const info = await invoke("probe", { path });
    status.textContent = path.split("/").pop();
    const dl = document.getElementById("info");
    row(dl, "container", info.container);
    row(dl, "codec", info.codec);
    row(dl, "size", `${info.width} × ${info.height}`);
    row(dl, "rate", `${(info.rate.num / info.rate.den).toLocaleString("sv-SE")} bilder/s`);
    row(dl, "duration", `${info.duration.toLocaleString("sv-SE", { maximumFractionDigits: 1 })} s`);
    row(dl, "start", info.start ? info.start.at.replace("T", " ") : "okänd");
    row(dl, "segments", String(info.segments.length));
    const png = await invoke("frame_png", { path, at: Math.min(5, info.duration / 2), width: 960 });
    const blob = new Blob([new Uint8Array(png)], { type: "image/png" });
    document.getElementById("frame").src = URL.createObjectURL(blob);
  } catch (e) {
    status.textContent = `Kan inte öppna inspelningen: ${e}`;
  }
}

start();

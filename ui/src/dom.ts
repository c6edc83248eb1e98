// A tiny element builder: h("button", { class: "x", onclick: f }, "text").

type Kid = Node | string | number | null | undefined | false;
type Attrs = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: Kid[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
    else if (k === "value" && "value" in el) (el as HTMLInputElement).value = String(v);
    else if (k === "checked") (el as HTMLInputElement).checked = Boolean(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids) if (kid !== null && kid !== undefined && kid !== false) el.append(typeof kid === "number" ? String(kid) : kid);
  return el;
}

/** Replaces the children of `el`. */
export function mount(el: HTMLElement, ...kids: Kid[]): void {
  el.replaceChildren();
  for (const kid of kids) if (kid !== null && kid !== undefined && kid !== false) el.append(typeof kid === "number" ? String(kid) : kid);
}

/** The value of the input with id `id` inside `root`. */
export function val(root: ParentNode, id: string): string {
  const el = root.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`#${id}`);
  return el ? el.value.trim() : "";
}

/** A labelled form field. */
export function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h("label", { class: "field" }, h("span", {}, label), input, hint ? h("small", {}, hint) : null);
}

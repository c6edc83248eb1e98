// Small shared pieces of the screens: a labelled field, an error line, a dialog.

import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import { t } from "./i18n.js";

export function Field(props: { label: string; hint?: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in
    <label class="field">
      <span>{props.label}</span>
      {props.children}
      {props.hint ? <small>{props.hint}</small> : null}
    </label>
  );
}

export function ErrorLine(props: { text: string; testid?: string }) {
  return (
    <p class="error" role="alert" data-testid={props.testid ?? "error"}>
      {props.text}
    </p>
  );
}

/** A form's closing row: cancel, and the submit button that does the work. */
export function FormActions(props: { onCancel: () => void; label: string; testid: string }) {
  return (
    <div class="row">
      <button type="button" onClick={props.onCancel}>
        {t("common.cancel")}
      </button>
      <button type="submit" class="primary" data-testid={props.testid}>
        {props.label}
      </button>
    </div>
  );
}

/** The dialogs open now, the newest last: Escape closes only the one on top. */
const open: object[] = [];

/**
 * A dialog over the screen: it takes the keyboard focus (its first field, else itself) as it
 * opens and gives it back to where it was when it closes, so the workspace's keys work again
 * at once; Escape closes it the way its own cancel or close button would. Both happen as the
 * dialog is put on the screen (a layout effect), so a key pressed the moment it shows lands.
 */
export function Modal(props: { testid: string; onClose?: () => void; children: ComponentChildren }) {
  const card = useRef<HTMLDivElement>(null);
  const close = useRef(props.onClose);
  close.current = props.onClose;
  useLayoutEffect(() => {
    const me = {};
    open.push(me);
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // Its first field — never a button: Enter or Space must not cancel a running job.
    (card.current?.querySelector<HTMLElement>("input, select, textarea") ?? card.current)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || open[open.length - 1] !== me || !close.current) return;
      e.preventDefault();
      close.current();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      open.splice(open.indexOf(me), 1);
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <div class="modal" data-testid={props.testid} role="dialog" aria-modal="true">
      <div class="card" ref={card} tabIndex={-1}>
        {props.children}
      </div>
    </div>
  );
}

/** The message of a caught error (the shell's errors are already worded for the user). */
export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Prints an HTML paper (receipt, slip) through a hidden frame. */
export function printHtml(html: string): void {
  const frame = document.createElement("iframe");
  frame.className = "print";
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.append(frame);
}

/** A form's text fields and drop-downs, by id, trimmed. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) out[el.id] = el.value.trim();
  }
  return out;
}

/** Runs `f`, then `after()` — or `failed` with the error's message if it threw. */
export async function attempt(f: () => Promise<unknown>, after: () => void, failed: (m: string) => void) {
  try {
    await f();
    after();
  } catch (x) {
    failed(message(x));
  }
}

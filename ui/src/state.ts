// The app's own state: who is logged in (the shell's status) and which screen shows.
// Screens are components; leaving one unmounts it, and its effects release what it held.

import { signal } from "@preact/signals";
import { call, type Status } from "./api.js";

export type Screen = "home" | "new-session" | "workspace" | "requests" | "register" | "audit" | "report" | "settings";

/** The shell's status: `null` until it answered once. */
export const status = signal<Status | null>(null);
export const route = signal<{ screen: Screen; arg?: number }>({ screen: "home" });

export function go(screen: Screen, arg?: number): void {
  route.value = { screen, arg };
}

export async function refreshStatus(): Promise<void> {
  status.value = await call<Status>("status");
}

/** The app locked (inactivity, logout, or the shell said so): the login shows and
 *  every screen of the session unmounts. */
export function locked(): void {
  if (status.value) status.value = { ...status.value, user: null };
  route.value = { screen: "home" };
}

/** The logged-in user's role, or "" when locked. */
export function role(): string {
  return status.value?.user?.role ?? "";
}

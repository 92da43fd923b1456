"use client";

const REGION_ID = "status-announcer";

/**
 * Says a message to screen readers through one polite live region (WCAG 4.1.3, status messages),
 * kept outside React's tree so that a page refreshed by the server does not clear it. The region is
 * made when a page first needs it: call `ensureAnnouncer()` on mount, before anything is said, so
 * assistive technology is already watching it.
 */
export function ensureAnnouncer(): HTMLElement {
  const existing = document.getElementById(REGION_ID);
  if (existing) return existing;
  const region = document.createElement("p");
  region.id = REGION_ID;
  region.setAttribute("role", "status");
  region.className = "sr-only";
  document.body.append(region);
  return region;
}

export function announce(message: string): void {
  const region = ensureAnnouncer();
  // Emptied first, so the same words said twice are said again.
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

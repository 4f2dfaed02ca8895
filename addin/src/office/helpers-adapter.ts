/**
 * The only door to @microsoft/office-js-helpers (archived upstream, rxjs 5 and old typings; see
 * STACK.md): host detection and page notifications, nothing else (never its implicit-flow
 * Authenticator). It is loaded lazily and every use has a fallback, so a problem in the package
 * can cost a banner's looks, never the add-in.
 */

export interface HostInfo {
  /** "EXCEL", "WEB" (a plain browser) … as office-js-helpers names them, or null when unknown. */
  host: string | null;
  /** "PC", "MAC", "OFFICE_ONLINE", "IOS" or null. */
  platform: string | null;
}

export type NotificationType = "default" | "success" | "error" | "warning";

interface HelpersModule {
  Utilities: { host: string; platform: string | null };
  UI: { notify(message: string, title: string, type: NotificationType): unknown };
}

let helpers: Promise<HelpersModule | null> | null = null;

function loadHelpers(): Promise<HelpersModule | null> {
  helpers ??= import("@microsoft/office-js-helpers").then(
    (m) => {
      // CommonJS through the bundler: the exports may sit on `default`.
      const mod = m as unknown as HelpersModule & { default?: HelpersModule };
      return mod.Utilities ? mod : (mod.default ?? null);
    },
    () => null,
  );
  return helpers;
}

/** Where the pane runs; falls back to Office.context when the helpers are unavailable. */
export async function hostInfo(): Promise<HostInfo> {
  try {
    const h = await loadHelpers();
    // With office.js loaded outside Office, the helpers see an Office.context without a host:
    // that is a plain web page, which they call WEB when office.js is absent.
    if (h) return { host: h.Utilities.host || "WEB", platform: h.Utilities.platform || null };
  } catch {
    // fall through
  }
  const context = (globalThis as { Office?: { context?: { host?: unknown; platform?: unknown } } }).Office?.context;
  return {
    host: context?.host ? String(context.host).toUpperCase() : null,
    platform: context?.platform ? String(context.platform) : null,
  };
}

/** A banner at the top of the page, for failures that happen before the pane's own UI exists. */
export async function notify(message: string, title = "", type: NotificationType = "error"): Promise<void> {
  try {
    const h = await loadHelpers();
    if (h) {
      h.UI.notify(message, title, type);
      return;
    }
  } catch {
    // fall through to the plain banner
  }
  const doc = (globalThis as { document?: Document }).document;
  if (!doc?.body) return;
  const banner = doc.createElement("div");
  banner.setAttribute("role", "alert");
  banner.className = `fallback-notification ${type}`;
  banner.textContent = title ? `${title}: ${message}` : message;
  doc.body.prepend(banner);
}

import fs from "node:fs";

/** Debian's Chromium, the only browser the add-in tests use (never a downloaded one). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Whether the add-in's browser suite runs. Locally a missing Chromium is reported and that suite
 * skipped (`apt-get install chromium` brings it); under CI=true it is an error, never a silent skip.
 */
export function chromiumAvailability(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === "true") {
    throw new Error(`Chromium is required under CI=true but ${CHROMIUM_PATH} does not exist (apt-get install -y chromium)`);
  }
  console.warn(`\n[tests] ${CHROMIUM_PATH} not found: skipping the add-in's browser suite (apt-get install -y chromium).\n`);
  return false;
}

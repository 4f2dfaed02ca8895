/**
 * Connection settings (server URL and API token), stored per user and never in the workbook: a
 * token in the document would travel with every copy of the file. In the shared runtime
 * `OfficeRuntime.storage` is the add-in's own per-user store (also readable by the custom
 * functions); outside Office (a plain browser, tests) `localStorage` takes its place.
 */

export interface ConnectionSettings {
  serverUrl: string;
  token: string;
}

const KEY_URL = "contrats.serverUrl";
const KEY_TOKEN = "contrats.token";

interface KeyValueStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

function officeRuntimeStorage(): KeyValueStore | null {
  const runtime = (globalThis as { OfficeRuntime?: { storage?: OfficeRuntime.Storage } }).OfficeRuntime;
  const storage = runtime?.storage;
  if (!storage || typeof storage.getItem !== "function") return null;
  return {
    getItem: (key) => storage.getItem(key),
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
  };
}

function localStorageStore(): KeyValueStore | null {
  let ls: Storage | undefined;
  try {
    ls = (globalThis as { localStorage?: Storage }).localStorage;
  } catch {
    return null; // access denied (third-party storage blocked)
  }
  if (!ls) return null;
  const store = ls;
  return {
    getItem: async (key) => store.getItem(key),
    setItem: async (key, value) => store.setItem(key, value),
    removeItem: async (key) => store.removeItem(key),
  };
}

/** OfficeRuntime.storage when it works, else localStorage; a store that throws is skipped. */
async function stores(): Promise<KeyValueStore[]> {
  return [officeRuntimeStorage(), localStorageStore()].filter((s): s is KeyValueStore => s !== null);
}

/** The page's own origin: the add-in is served by the server it talks to. */
export function defaultServerUrl(): string {
  const origin = (globalThis as { location?: Location }).location?.origin;
  return origin && origin !== "null" ? origin : "https://localhost:3000";
}

export async function loadSettings(): Promise<ConnectionSettings> {
  for (const store of await stores()) {
    try {
      const [serverUrl, token] = await Promise.all([store.getItem(KEY_URL), store.getItem(KEY_TOKEN)]);
      if (serverUrl !== null || token !== null) return { serverUrl: serverUrl || defaultServerUrl(), token: token ?? "" };
    } catch {
      // OfficeRuntime exists outside the shared runtime but fails: try the next store.
    }
  }
  return { serverUrl: defaultServerUrl(), token: "" };
}

export async function saveSettings(settings: ConnectionSettings): Promise<void> {
  let lastError: unknown = null;
  for (const store of await stores()) {
    try {
      await store.setItem(KEY_URL, settings.serverUrl);
      await store.setItem(KEY_TOKEN, settings.token);
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error("no storage available for the connection settings");
}

export async function clearSettings(): Promise<void> {
  for (const store of await stores()) {
    try {
      await store.removeItem(KEY_URL);
      await store.removeItem(KEY_TOKEN);
    } catch {
      // nothing stored there
    }
  }
}

import type { Logger } from "../../server/src/logger.js";

export interface LogEntry {
  level: "info" | "warn" | "error";
  message: string;
  details?: Record<string, unknown>;
}

/** A logger that keeps what the server logs, so tests can check the log (and what it must not hold). */
export function captureLogger(): Logger & { entries: LogEntry[]; text(): string } {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (message, details) => entries.push({ level: "info", message, details }),
    warn: (message, details) => entries.push({ level: "warn", message, details }),
    error: (message, details) => entries.push({ level: "error", message, details }),
    text: () => entries.map((e) => JSON.stringify(e)).join("\n"),
  };
}

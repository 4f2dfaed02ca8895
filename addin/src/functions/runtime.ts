/**
 * The few pieces of Excel's custom-functions runtime the functions use, looked up lazily on the
 * global object: in Excel the runtime defines `CustomFunctions`; in unit tests (Node) and in a
 * plain browser it is absent, and errors fall back to a local class with the same shape.
 * (@types/custom-functions-runtime is not a dependency; these declarations are all we need.)
 */

export type ErrorCode = "#VALUE!" | "#N/A" | "#NUM!" | "#DIV/0!" | "#NULL!" | "#REF!" | "#BUSY!" | "#CALC!";

/** Codes by meaning, as CustomFunctions.ErrorCode names them. */
export const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  invalidNumber: "#NUM!",
} as const satisfies Record<string, ErrorCode>;

interface CustomFunctionsRuntime {
  Error: new (code: ErrorCode, message?: string) => Error;
  ErrorCode: Record<string, ErrorCode>;
  associate(id: string, fn: (...args: never[]) => unknown): void;
}

function runtime(): CustomFunctionsRuntime | null {
  const cf = (globalThis as { CustomFunctions?: CustomFunctionsRuntime }).CustomFunctions;
  return cf && typeof cf.associate === "function" ? cf : null;
}

/** Stand-in for CustomFunctions.Error outside Excel (tests, browser). */
export class LocalCustomFunctionError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message?: string) {
    super(message);
    this.name = "CustomFunctionError";
    this.code = code;
  }
}

/** An error Excel shows in the cell (`#VALUE!` …) with `message` as its tooltip. */
export function cellError(code: keyof typeof ERROR_CODES, message: string): Error {
  const cf = runtime();
  // Excel shows at most 255 characters of the message.
  const text = message.length > 255 ? `${message.slice(0, 254)}…` : message;
  return cf ? new cf.Error(cf.ErrorCode[code] ?? ERROR_CODES[code], text) : new LocalCustomFunctionError(ERROR_CODES[code], text);
}

/**
 * Registers the functions under the ids of functions.json. The build generates the call from the
 * JSDoc tags (see addin/build.mjs), so ids cannot drift from the metadata. Outside Excel it is a
 * no-op: the task pane page also loads functions.js.
 */
export function associateAll(functions: Record<string, (...args: never[]) => unknown>): void {
  const register = (cf: CustomFunctionsRuntime) => {
    for (const [id, fn] of Object.entries(functions)) cf.associate(id, fn);
  };
  const cf = runtime();
  if (cf) {
    register(cf);
    return;
  }
  // Office.js may define the runtime only once it has identified the host.
  const office = (globalThis as { Office?: { onReady?: () => Promise<unknown> } }).Office;
  office?.onReady?.().then(() => {
    const late = runtime();
    if (late) register(late);
  });
}

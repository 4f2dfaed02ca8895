import { type ArgumentNode, type ASTNode, GraphQLError, Kind, type ObjectFieldNode, parse, type ValueNode, visit } from "graphql";
import type { FieldError } from "../../domain/errors.js";
import { type Text, text } from "../../domain/text.js";
import { localizedTextOf } from "./localized-error.js";

/**
 * GraphQL's own refusals of input values (an impossible LocalDate, a string for an Int, a missing
 * required input field, an unknown input field), for variables and inline literals alike, as
 * `{ field, message }` with the field path as the client wrote it: `startDate`,
 * `lines[0].quantity`, `families[0]` (relative to the argument, as API.md asks: no `input.` prefix,
 * never a bare `[0]`), and the message in both languages (graphql-js words them in English only, so
 * its known refusals are reworded here; our scalars carry their own bilingual text).
 * Null when the error is about something else (an unknown field in the selection, a syntax error).
 */
export function inputValueError(message: string, error: unknown): FieldError | null {
  const own = localizedTextOf(error);
  // Variables: `Variable "$input" got invalid value … at "input.lines[0]"; Field "quantity" of required type "Int!" was not provided.`
  const variable = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (variable) {
    const [, name = "", at, why = ""] = variable;
    return withNamedChild(variablePath(error, name) + (at ? at.slice(name.length) : ""), why.trim(), own);
  }
  const unset = /^Variable "\$([^"]+)" of (?:required|non-null) type "[^"]+" (was not provided|must not be null)\.$/.exec(
    message,
  );
  if (unset) {
    const [, name = "", what = ""] = unset;
    return { field: relativePath(variablePath(error, name)), message: what === "was not provided" ? REQUIRED : NOT_NULL };
  }
  const missingArgument = /^Field "[^"]+" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\.$/.exec(
    message,
  );
  if (missingArgument) return { field: missingArgument[1] as string, message: REQUIRED };

  // Inline literals: the validation error points at the value node; find its path in the document.
  const located = literalPath(error);
  if (located === null) return null;
  const unknownField = /^Field "[^"]+" is not defined by type "([^"]+)"/.exec(message);
  if (unknownField) {
    // Reported on the unknown object field itself, so the path already ends with it.
    return { field: relativePath(located), message: notAField(unknownField[1] as string) };
  }
  return withNamedChild(located, message, own);
}

const REQUIRED: Text = text("est obligatoire.", "is required");
const NOT_NULL: Text = text("ne doit pas être nul (null).", "must not be null");

function notAField(type: string): Text {
  return text(`n'est pas un champ de ${type}.`, `is not a field of ${type}`);
}

/**
 * The error on the value at `fullPath` (from the argument: `input`, `input.lines[0]`, `families[1]`).
 * `Field "X" of required type … was not provided` / `Field "X" is not defined by type …` go down
 * to X. Paths are relative to the argument (`name`, not `input.name`).
 */
function withNamedChild(fullPath: string, why: string, own: Text | null): FieldError {
  const missing = /^Field "(?:[^".]+\.)?([^".]+)" of required type "([^"]+)" was not provided\.?$/.exec(why);
  if (missing) {
    return {
      field: childPath(fullPath, missing[1] as string),
      message: text(`est obligatoire (${missing[2]}).`, `is required (${missing[2]})`),
    };
  }
  const unknown = /^Field "([^"]+)" is not defined by type "([^"]+)"\.?/.exec(why);
  if (unknown) return { field: childPath(fullPath, unknown[1] as string), message: notAField(unknown[2] as string) };
  return { field: relativePath(fullPath), message: own ?? coercionMessage(why) };
}

/** The path of field `child` of the object at `fullPath`, relative to the argument. */
function childPath(fullPath: string, child: string): string {
  const rest = fullPath.replace(/^[^.[]+/, "");
  if (rest === "") return child; // a field of the argument itself: `name`, not `input.name`
  return `${relativePath(fullPath)}.${child}`;
}

/**
 * graphql-js's refusal of a value (after any `Expected value of type "X", found …;` prefix) in
 * both languages, without repeating the value (it can be a large payload).
 */
export function coercionMessage(why: string): Text {
  const reason = why
    .replace(/^Expected value of type "[^"]+", found [^;]*(?:; |\.$)/s, "")
    .replace(/^Expected type "[^"]+"\. /, "");
  const expected = /^Expected value of type "([^"]+)", found/.exec(why)?.[1];
  if (/^Expected non-nullable type "[^"]+" not to be null\.?$/.test(reason) || /found null\.$/.test(why)) return NOT_NULL;
  if (/^Int cannot represent non 32-bit signed integer value/.test(reason)) {
    return text(
      "doit être un nombre entier entre -2147483648 et 2147483647 (Int).",
      "must be a whole number from -2147483648 to 2147483647 (Int)",
    );
  }
  if (/^Int cannot represent/.test(reason)) return text("doit être un nombre entier (Int).", "must be a whole number (Int)");
  if (/^Float cannot represent/.test(reason)) return text("doit être un nombre (Float).", "must be a number (Float)");
  if (/^String cannot represent/.test(reason)) {
    return text("doit être une chaîne de caractères (String).", "must be a string (String)");
  }
  if (/^Boolean cannot represent/.test(reason))
    return text("doit valoir true ou false (Boolean).", "must be true or false (Boolean)");
  if (/^ID cannot represent/.test(reason)) {
    return text(
      "doit être un identifiant : une chaîne ou un nombre entier (ID).",
      "must be an id: a string or a whole number (ID)",
    );
  }
  const enumValue = /^(?:Value "[^"]*" does not exist in|Enum) "([^"]+)"(?: enum)?/.exec(reason);
  if (enumValue) {
    return text(`n'est pas une valeur de l'énumération ${enumValue[1]}.`, `is not a value of the ${enumValue[1]} enum`);
  }
  const object = /^Expected type "([^"]+)" to be an object\.?$/.exec(reason);
  if (object) return text(`doit être un objet ${object[1]}.`, `must be a ${object[1]} object`);
  const type = expected ?? /^Expected type "([^"]+)"/.exec(why)?.[1];
  return type
    ? text(`n'a pas le type attendu (${type}).`, `must be a value of type ${type}`)
    : text("n'a pas le type attendu.", "is not a value of the expected type");
}

/**
 * A path from the argument made relative to it: `input.lines[0].quantity` → `lines[0].quantity`;
 * `input` → `input` (the argument's value itself); `families[0]` stays (a list keeps its name).
 */
function relativePath(at: string): string {
  const rest = at.replace(/^[^.[]+/, "");
  if (rest === "" || rest.startsWith("[")) return at;
  return rest.replace(/^\./, "");
}

/**
 * Where a variable is used, as a path from the argument it is in: `input` (`input: $input`),
 * `input.customerId` (`input: { customerId: $c }`), `lines[1]`; the variable's own name when the
 * document cannot tell.
 */
function variablePath(error: unknown, variable: string): string {
  const body = sourceBody(error);
  if (!body) return variable;
  let found: string | null = null;
  try {
    visit(parse(body), {
      Argument(node: ArgumentNode) {
        if (found === null) found = findVariable(node.value, node.name.value, variable);
        return false;
      },
    });
  } catch {
    return variable;
  }
  return found ?? variable;
}

function findVariable(value: ValueNode, path: string, variable: string): string | null {
  if (value.kind === Kind.VARIABLE) return value.name.value === variable ? path : null;
  if (value.kind === Kind.LIST) {
    for (const [index, item] of value.values.entries()) {
      const found = findVariable(item, `${path}[${index}]`, variable);
      if (found !== null) return found;
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = findVariable(field.value, `${path}.${field.name.value}`, variable);
      if (found !== null) return found;
    }
  }
  return null;
}

function sourceBody(error: unknown): string | undefined {
  let current: unknown = error;
  while (current instanceof GraphQLError) {
    if (current.source?.body) return current.source.body;
    current = current.originalError;
  }
  return undefined;
}

function firstPosition(error: unknown): number | undefined {
  let current: unknown = error;
  while (current instanceof GraphQLError) {
    const start = current.nodes?.[0]?.loc?.start ?? current.positions?.[0];
    if (start !== undefined) return start;
    current = current.originalError;
  }
  return undefined;
}

/**
 * For an error located on a literal value (or an object field of one), the path of that value
 * from the argument it belongs to; null when the error is not on an argument value.
 */
function literalPath(error: unknown): string | null {
  const body = sourceBody(error);
  const position = firstPosition(error);
  if (body === undefined || position === undefined) return null;
  let document: ASTNode;
  try {
    document = parse(body);
  } catch {
    return null;
  }
  let result: string | null = null;
  visit(document, {
    Argument(node: ArgumentNode) {
      if (result !== null) return false;
      result = findInValue(node.value, node.name.value, position);
      return false;
    },
  });
  return result;
}

function findInValue(value: ValueNode, path: string, position: number): string | null {
  if (value.loc?.start === position) return path;
  if (value.kind === Kind.LIST) {
    for (const [index, item] of value.values.entries()) {
      const found = findInValue(item, `${path}[${index}]`, position);
      if (found !== null) return found;
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields as readonly ObjectFieldNode[]) {
      const fieldPath = `${path}.${field.name.value}`;
      if (field.loc?.start === position) return fieldPath;
      const found = findInValue(field.value, fieldPath, position);
      if (found !== null) return found;
    }
  }
  return null;
}

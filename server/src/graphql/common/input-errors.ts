import { type ArgumentNode, type ASTNode, GraphQLError, Kind, type ObjectFieldNode, parse, type ValueNode, visit } from "graphql";
import type { FieldError } from "../../domain/errors.js";

/**
 * GraphQL's own refusals of input values (an impossible LocalDate, a string for an Int, a missing
 * required input field, an unknown input field), for variables and inline literals alike, as
 * `{ field, message }` with the field path as the client wrote it: `startDate`,
 * `lines[0].quantity` (relative to the argument, as API.md asks: no `input.` prefix).
 * Null when the error is about something else (an unknown field in the selection, a syntax error).
 */
export function inputValueError(message: string, error: unknown): FieldError | null {
  // Variables: `Variable "$input" got invalid value … at "input.lines[0]"; Field "quantity" of required type "Int!" was not provided.`
  const variable = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (variable) {
    const [, name = "", at, why = ""] = variable;
    const path = at ? stripFirstSegment(at) : argumentNameOfVariable(error, name);
    return withNamedChild(path, why.trim());
  }
  const unset = /^Variable "\$([^"]+)" of (?:required|non-null) type "[^"]+" (was not provided|must not be null)\.$/.exec(
    message,
  );
  if (unset) {
    const [, name = "", what = ""] = unset;
    return {
      field: argumentNameOfVariable(error, name),
      message: what === "was not provided" ? "is required" : "must not be null",
    };
  }
  const missingArgument = /^Field "[^"]+" argument "([^"]+)" of type "[^"]+" is required, but it was not provided\.$/.exec(
    message,
  );
  if (missingArgument) return { field: missingArgument[1] as string, message: "is required" };

  // Inline literals: the validation error points at the value node; find its path in the document.
  const located = literalPath(error);
  if (located === null) return null;
  if (/^Field "[^"]+" is not defined by type "([^"]+)"/.test(message)) {
    // Reported on the unknown object field itself, so the path already ends with it.
    return { field: stripFirstSegment(located), message: `is not a field of ${/by type "([^"]+)"/.exec(message)?.[1]}` };
  }
  return withNamedChild(stripFirstSegment(located), message);
}

/** `Field "X" of required type … was not provided` / `Field "X" is not defined by type …`: the path goes down to X. */
function withNamedChild(path: string, why: string): FieldError {
  const missing = /^Field "(?:[^".]+\.)?([^".]+)" of required type "([^"]+)" was not provided\.?$/.exec(why);
  if (missing) return { field: join(path, missing[1] as string), message: `is required (${missing[2]})` };
  const unknown = /^Field "([^"]+)" is not defined by type "([^"]+)"\.?/.exec(why);
  if (unknown) return { field: join(path, unknown[1] as string), message: `is not a field of ${unknown[2]}` };
  const expected = /^Expected value of type "([^"]+)", found [^;]*(?:; (.*))?$/s.exec(why);
  if (expected) return { field: path, message: (expected[2] ?? `must be a ${expected[1]}`).trim() };
  if (/^Expected non-nullable type "[^"]+" not to be null\.?$/.test(why)) return { field: path, message: "must not be null" };
  return { field: path, message: why.replace(/^Expected type "[^"]+"\. /, "") };
}

function join(path: string, child: string): string {
  return path === "" ? child : `${path}.${child}`;
}

/** `input.lines[0].quantity` → `lines[0].quantity`; `input` → `input` (the value itself). */
function stripFirstSegment(at: string): string {
  const rest = at.replace(/^[^.[]+/, "").replace(/^\./, "");
  return rest === "" ? at : rest;
}

/** The argument a variable is passed to (`sentOn: $d` → `sentOn`), else the variable's own name. */
function argumentNameOfVariable(error: unknown, variable: string): string {
  const body = sourceBody(error);
  if (!body) return variable;
  let found: string | null = null;
  try {
    visit(parse(body), {
      Argument(node: ArgumentNode) {
        if (found === null && node.value.kind === Kind.VARIABLE && node.value.name.value === variable) found = node.name.value;
      },
    });
  } catch {
    return variable;
  }
  return found ?? variable;
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

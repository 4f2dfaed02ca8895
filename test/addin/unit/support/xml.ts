/**
 * A tiny, non-validating XML reader for the manifest test (Node has no DOMParser and the project
 * adds no package for it). It reads character by character: prolog, comments, CDATA, elements,
 * attributes in single or double quotes, text, and the five predefined entities plus numeric
 * ones. Malformed input (unclosed or mismatched tags, duplicate attributes) throws.
 */

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** 1-based line of the start tag, for messages. */
  line: number;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(raw: string, line: number): string {
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c !== "&") {
      out += c;
      continue;
    }
    const end = raw.indexOf(";", i);
    if (end < 0) throw new Error(`line ${line}: unterminated entity`);
    const name = raw.slice(i + 1, end);
    if (name.startsWith("#x")) out += String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    else if (name.startsWith("#")) out += String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    else if (name in ENTITIES) out += ENTITIES[name];
    else throw new Error(`line ${line}: unknown entity &${name};`);
    i = end;
  }
  return out;
}

function isNameChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    c === ":" ||
    c === "_" ||
    c === "-" ||
    c === "." ||
    code > 127
  );
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\n" || c === "\t" || c === "\r";
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  let line = 1;
  const advance = (n: number) => {
    for (let k = 0; k < n; k++) if (source[i + k] === "\n") line++;
    i += n;
  };
  const skipTo = (marker: string) => {
    const end = source.indexOf(marker, i);
    if (end < 0) throw new Error(`line ${line}: missing ${marker}`);
    advance(end + marker.length - i);
  };
  const readName = () => {
    const start = i;
    while (isNameChar(source[i])) i++;
    if (i === start) throw new Error(`line ${line}: name expected at "${source.slice(i, i + 10)}"`);
    return source.slice(start, i);
  };
  const skipSpace = () => {
    while (isSpace(source[i])) advance(1);
  };

  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < source.length) {
    if (source.startsWith("<?", i)) skipTo("?>");
    else if (source.startsWith("<!--", i)) skipTo("-->");
    else if (source.startsWith("<![CDATA[", i)) {
      const end = source.indexOf("]]>", i);
      if (end < 0) throw new Error(`line ${line}: unterminated CDATA`);
      const top = stack[stack.length - 1];
      if (top) top.text += source.slice(i + 9, end);
      advance(end + 3 - i);
    } else if (source.startsWith("<!", i)) skipTo(">");
    else if (source.startsWith("</", i)) {
      advance(2);
      const name = readName();
      skipSpace();
      if (source[i] !== ">") throw new Error(`line ${line}: ">" expected after </${name}`);
      advance(1);
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`line ${line}: </${name}> closes <${open?.name ?? "nothing"}>`);
    } else if (source[i] === "<") {
      advance(1);
      const element: XmlElement = { name: readName(), attributes: {}, children: [], text: "", line };
      for (;;) {
        skipSpace();
        if (source.startsWith("/>", i) || source[i] === ">") break;
        const attr = readName();
        skipSpace();
        if (source[i] !== "=") throw new Error(`line ${line}: "=" expected after ${attr}`);
        advance(1);
        skipSpace();
        const quote = source[i];
        if (quote !== '"' && quote !== "'") throw new Error(`line ${line}: quoted value expected for ${attr}`);
        const end = source.indexOf(quote, i + 1);
        if (end < 0) throw new Error(`line ${line}: unterminated value of ${attr}`);
        if (attr in element.attributes) throw new Error(`line ${line}: duplicate attribute ${attr}`);
        element.attributes[attr] = decode(source.slice(i + 1, end), line);
        advance(end + 1 - i);
      }
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw new Error(`line ${line}: a second root element <${element.name}>`);
      else root = element;
      if (source.startsWith("/>", i)) advance(2);
      else {
        advance(1);
        stack.push(element);
      }
    } else {
      const end = source.indexOf("<", i);
      const raw = source.slice(i, end < 0 ? source.length : end);
      const top = stack[stack.length - 1];
      if (top) top.text += decode(raw, line);
      else if (raw.trim() !== "") throw new Error(`line ${line}: text outside the root element`);
      advance(raw.length);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Children with the given name. */
export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The one child with this name; throws when absent or repeated. */
export function child(element: XmlElement, name: string): XmlElement {
  const found = children(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> (line ${element.line}) has ${found.length} <${name}>, expected 1`);
  return found[0] as XmlElement;
}

/** Follows a path of child names, each expected once. */
export function path(element: XmlElement, ...names: string[]): XmlElement {
  return names.reduce(child, element);
}

/** Every element of the tree, depth first. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(descendants)];
}

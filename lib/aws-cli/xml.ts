/**
 * A small XML reader for the answers of the query and EC2 protocols: elements, text and entities, nothing else
 * (no DTDs, no namespaces beyond ignoring prefixes). Pure so that the interpreter runs in the browser without a DOM.
 */

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/** Parses a document into its root element; throws XmlError on a malformed one. */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const root: XmlElement = { name: "#document", children: [], text: "" };
  const stack: XmlElement[] = [root];
  while (i < source.length) {
    const open = source.indexOf("<", i);
    if (open < 0) {
      stack.at(-1)!.text += decode(source.slice(i));
      break;
    }
    if (open > i) stack.at(-1)!.text += decode(source.slice(i, open));
    if (source.startsWith("<?", open)) {
      const end = source.indexOf("?>", open);
      if (end < 0) throw new XmlError("unterminated processing instruction");
      i = end + 2;
    } else if (source.startsWith("<!--", open)) {
      const end = source.indexOf("-->", open);
      if (end < 0) throw new XmlError("unterminated comment");
      i = end + 3;
    } else if (source.startsWith("<![CDATA[", open)) {
      const end = source.indexOf("]]>", open);
      if (end < 0) throw new XmlError("unterminated CDATA");
      stack.at(-1)!.text += source.slice(open + 9, end);
      i = end + 3;
    } else if (source.startsWith("<!", open)) {
      const end = source.indexOf(">", open);
      if (end < 0) throw new XmlError("unterminated declaration");
      i = end + 1;
    } else if (source[open + 1] === "/") {
      const end = source.indexOf(">", open);
      if (end < 0) throw new XmlError("unterminated end tag");
      const name = localName(source.slice(open + 2, end).trim());
      const element = stack.pop();
      if (!element || element === root || element.name !== name) throw new XmlError(`mismatched end tag </${name}>`);
      i = end + 1;
    } else {
      const end = findTagEnd(source, open);
      const inner = source.slice(open + 1, end);
      const selfClosing = inner.endsWith("/");
      const name = localName((selfClosing ? inner.slice(0, -1) : inner).trim().split(/\s/)[0]);
      if (!name) throw new XmlError("empty tag name");
      const element: XmlElement = { name, children: [], text: "" };
      stack.at(-1)!.children.push(element);
      if (!selfClosing) stack.push(element);
      i = end + 1;
    }
  }
  if (stack.length !== 1) throw new XmlError(`unclosed element <${stack.at(-1)!.name}>`);
  const top = root.children[0];
  if (!top) throw new XmlError("no root element");
  return top;
}

function findTagEnd(source: string, open: number): number {
  let quote: string | undefined;
  for (let j = open + 1; j < source.length; j++) {
    const char = source[j];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ">") return j;
  }
  throw new XmlError("unterminated start tag");
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

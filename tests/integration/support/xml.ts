/**
 * A strict XML 1.0 reader for the sandbox's XML answers (IAM, STS, EC2), so a test can say an answer is well-formed
 * and read its elements. It takes what those answers may contain — an XML declaration, elements with attributes, text,
 * the five predefined entities and character references — and refuses everything else a lenient parser would let
 * through: a character XML cannot carry (controls, U+FFFE/U+FFFF, unpaired surrogates), a bare `&` or `<`, `]]>` in
 * text, mismatched or unclosed tags, a second root. Comments, CDATA, DOCTYPE and processing instructions are refused
 * too: no AWS answer has them, so one showing up is a fault to report, not a construct to accept.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, entities decoded (its children's text not included). */
  text: string;
}

/** XML 1.0's Char production, over UTF-16: what may appear at all. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export class XmlError extends Error {}

/** Parses a whole document; throws XmlError, naming the offset, for anything not well-formed. */
export function parseXml(document: string): XmlElement {
  const bad = NOT_XML_CHAR.exec(document);
  if (bad) throw new XmlError(`character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${bad.index} is not allowed in XML`);
  let at = 0;
  const fail = (what: string, position = at): never => {
    throw new XmlError(`${what} at offset ${position}: …${document.slice(Math.max(0, position - 20), position + 20)}…`);
  };
  const skipSpace = () => {
    while (at < document.length && " \t\r\n".includes(document[at])) at++;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(document);
    if (!match) fail("a name was expected");
    at += match![0].length;
    return match![0];
  };
  const decode = (raw: string, start: number): string =>
    raw.replace(/&([^;&<]*);|&/g, (whole, ref: string | undefined, offset: number) => {
      if (ref === undefined) return fail("a bare & (not an entity reference)", start + offset);
      if (Object.hasOwn(ENTITIES, ref)) return ENTITIES[ref];
      const code = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]{1,7}$/.test(ref) ? Number(ref.slice(1)) : undefined;
      if (code === undefined) return fail(`an unknown entity ${whole}`, start + offset);
      // Out of Unicode or a surrogate: not a character at all, refused as one XML cannot carry.
      const char = code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\uFFFE";
      if (NOT_XML_CHAR.test(char)) fail(`a reference ${whole} to a character XML cannot carry`, start + offset);
      return char;
    });

  function element(): XmlElement {
    if (document[at] !== "<") fail("an element was expected");
    at++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (document.startsWith("/>", at) || document[at] === ">") break;
      if (at === before) fail("a space before an attribute was expected");
      const attribute = name();
      skipSpace();
      if (document[at] !== "=") fail("= was expected");
      at++;
      skipSpace();
      const quote = document[at];
      if (quote !== '"' && quote !== "'") fail("a quoted attribute value was expected");
      const end = document.indexOf(quote, at + 1);
      if (end < 0) fail("an unterminated attribute value");
      const raw = document.slice(at + 1, end);
      if (raw.includes("<")) fail("< in an attribute value");
      if (Object.hasOwn(attributes, attribute)) fail(`a repeated attribute ${attribute}`);
      attributes[attribute] = decode(raw, at + 1);
      at = end + 1;
    }
    const node: XmlElement = { name: tag, attributes, children: [], text: "" };
    if (document.startsWith("/>", at)) {
      at += 2;
      return node;
    }
    at++;
    for (;;) {
      const next = document.indexOf("<", at);
      if (next < 0) fail(`<${tag}> is never closed`);
      const raw = document.slice(at, next);
      if (raw.includes("]]>")) fail("]]> in text");
      node.text += decode(raw, at);
      at = next;
      if (document.startsWith("</", at)) {
        at += 2;
        if (name() !== tag) fail(`a closing tag that does not match <${tag}>`);
        skipSpace();
        if (document[at] !== ">") fail("> was expected");
        at++;
        return node;
      }
      if (document.startsWith("<!", at) || document.startsWith("<?", at)) fail("a comment, CDATA section, DOCTYPE or processing instruction");
      node.children.push(element());
    }
  }

  const declaration = /^<\?xml version="1\.0"( encoding="UTF-8")?\?>/.exec(document);
  if (declaration) at = declaration[0].length;
  else if (document.startsWith("<?")) fail("an XML declaration other than version 1.0 in UTF-8");
  skipSpace();
  const root = element();
  skipSpace();
  if (at !== document.length) fail("content after the root element");
  return root;
}

/** The names of an element's children, in order: what a test compares to a document's expected layout. */
export function childNames(element: XmlElement): string[] {
  return element.children.map((child) => child.name);
}

/** The one child of that name; undefined when there is none or more than one. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  const found = element.children.filter((c) => c.name === name);
  return found.length === 1 ? found[0] : undefined;
}

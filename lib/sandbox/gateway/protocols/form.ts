/**
 * Reading an AWS query call (IAM, STS, EC2): an `application/x-www-form-urlencoded` body of flat `Key=value` pairs
 * whose keys spell a path through the operation's input shape, as botocore's QuerySerializer / EC2Serializer write
 * them (serialize.py):
 *
 *   structure member   Parent.Member               query: the member's locationName, else its name;
 *                                                  ec2: its queryName, else its locationName capitalised, else its name
 *   list element       query: Name.member.N        (`member` = the list member's locationName if it has one);
 *                             flattened: Name.N    (Name replaced by the list member's locationName if it has one);
 *                             an empty list is sent as `Name=` (query only)
 *                      ec2:   Name.N               (always; an empty list is not sent at all)
 *   map entry          Name.entry.N.key / Name.entry.N.value (flattened: Name.N.key); key/value renamed by locationName
 *   scalars            integers and doubles in decimal, booleans `true`/`false`, timestamps ISO 8601, blobs base64
 *
 * The body is decoded into a tree of key segments and the input shape is walked over it, so nothing but what the
 * model names becomes input and no key can reach an object's prototype. The values come out as the JSON protocols
 * hand them to the providers: strings, numbers, booleans, timestamps as epoch seconds, lists, plain objects.
 */
import type { MemberRef, ServiceModel, ShapeModel } from "@/lib/aws-models";
import type { EcsError } from "../../engine";

/** List indexes run 1..N with N at most this: no AWS query list takes more (EC2 filters and ids cap at 1000). */
export const MAX_LIST_INDEX = 1000;
/**
 * Parameters in one body. [inferred] AWS publishes no such limit; this is far above any call the emulated operations
 * take (the largest, a 1,000-element EC2 filter list, is a few thousand) and keeps a 1 MB body of tiny pairs from
 * holding the event loop (about 2 µs a parameter).
 */
export const MAX_PARAMETERS = 20_000;
/** Segments of one key read: no input shape nests deeper than a handful; the rest of a longer key is never walked. */
export const MAX_KEY_SEGMENTS = 32;

/** How a protocol names members on the wire and how it refuses what it cannot read. */
export interface FormDialect {
  /** "query" (IAM, STS) or "ec2": the naming rules above. */
  kind: "query" | "ec2";
  /** The body is not form-encoding: a bad percent escape, bytes that are not UTF-8, an empty key. */
  malformed(detail: string): EcsError;
  /** The keys do not follow the protocol's rules: a repeated key, list indexes that skip or are not numbers. */
  badStructure(parameter: string, detail: string): EcsError;
  /** A value the member's type cannot hold. `path` is the member's path as the service names it in messages. */
  badValue(parameter: string, path: string, value: string, expected: string): EcsError;
  /** A parameter the operation does not have; undefined: such parameters are ignored. */
  unknownParameter?(parameter: string): EcsError;
}

/**
 * Parameters every AWS query API accepts besides the operation's own (the common parameters of the query APIs: the
 * operation, its version, and query-string authentication); never reported as unknown.
 */
const COMMON_PARAMETERS = new Set([
  "Action",
  "Version",
  "AWSAccessKeyId",
  "Expires",
  "SecurityToken",
  "Signature",
  "SignatureMethod",
  "SignatureVersion",
  "Timestamp",
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-Security-Token",
  "X-Amz-Signature",
  "X-Amz-SignedHeaders",
]);

/**
 * Characters XML 1.0 cannot carry, not even as a character reference: C0 controls but tab, LF and CR, U+FFFE/U+FFFF
 * and unpaired surrogates. A value holding one could never be written back in an answer, so it is refused on the way
 * in (AWS's own validation refuses them too: IAM's patterns and EC2's character sets exclude control characters).
 */
export const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Decodes the body into its parameters, in order; throws the dialect's errors for a body that is not a form. */
export function decodeForm(body: string, dialect: FormDialect): Map<string, string> {
  const params = new Map<string, string>();
  if (body === "") return params;
  const pairs = body.split("&");
  if (pairs.length > MAX_PARAMETERS && pairs.filter(Boolean).length > MAX_PARAMETERS) {
    throw dialect.badStructure("", `the request has more than ${MAX_PARAMETERS} parameters`);
  }
  for (const pair of pairs) {
    // An empty pair (`a=1&&b=2`, a trailing `&`) carries nothing; form decoders skip it.
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq), dialect);
    const value = eq < 0 ? "" : decodeComponent(pair.slice(eq + 1), dialect);
    if (key === "") throw dialect.malformed(`a parameter has no name (${truncate(pair)})`);
    if (params.has(key)) throw dialect.badStructure(key, `the parameter ${truncate(key)} appears more than once`);
    params.set(key, value);
  }
  return params;
}

function decodeComponent(text: string, dialect: FormDialect): string {
  if (!text.includes("%") && !text.includes("+")) return text;
  const bad = /%(?![0-9A-Fa-f]{2})/.exec(text);
  if (bad) throw dialect.malformed(`"${truncate(text.slice(bad.index, bad.index + 3))}" is not a percent-encoded byte`);
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw dialect.malformed(`${truncate(text)} does not decode to UTF-8 text`);
  }
}

export function truncate(text: string, max = 64): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * One key segment and what hangs below it; `seen` marks segments the input shape names, `used` consumed values. The
 * key a node spells is found through its parents (only for messages): a key may have hundreds of thousands of segments.
 */
interface KeyNode {
  segment: string;
  parent?: KeyNode;
  value?: string;
  children?: Map<string, KeyNode>;
  seen?: boolean;
  used?: boolean;
}

function keyTree(params: Map<string, string>): KeyNode {
  const root: KeyNode = { segment: "", seen: true };
  for (const [key, value] of params) {
    if (COMMON_PARAMETERS.has(key)) continue;
    let node = root;
    const segments = key.split(".", MAX_KEY_SEGMENTS + 1);
    // A longer key ends in a segment no shape names, so it is reported (EC2) or ignored (query) like any unknown key.
    if (segments.length > MAX_KEY_SEGMENTS) segments[MAX_KEY_SEGMENTS] = "…";
    for (const segment of segments) {
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (!child) {
        child = { segment, parent: node };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.value = value;
  }
  return root;
}

/** The key a node spells (`Tags.member.1`), cut short for a message. */
function keyOf(node: KeyNode): string {
  const segments: string[] = [];
  let length = 0;
  for (let at: KeyNode | undefined = node; at?.parent; at = at.parent) {
    segments.push(at.segment);
    length += at.segment.length + 1;
  }
  const key = segments.reverse().join(".");
  return length > 128 ? truncate(key, 128) : key;
}

/**
 * The operation's input from its parameters (Action and Version already checked by the caller). Unknown parameters
 * are refused when the dialect says so (EC2), ignored otherwise (IAM, STS).
 */
export function readInput(params: Map<string, string>, inputShape: string | undefined, model: ServiceModel, dialect: FormDialect): object {
  const root = keyTree(params);
  const reader = new ShapeReader(model, dialect);
  const input = inputShape ? reader.structure(root, model.shapes[inputShape], "") : {};
  if (dialect.unknownParameter) {
    const unknown = firstUnknown(root);
    if (unknown !== undefined) throw dialect.unknownParameter(unknown);
  }
  return input;
}

/** The first key (in body order) the shape walk did not consume, named down to its first unrecognised segment. */
function firstUnknown(root: KeyNode): string | undefined {
  // Iterative: a key may have any number of segments.
  const stack: KeyNode[] = [...(root.children?.values() ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!node.seen) return keyOf(node);
    if (node.value !== undefined && !node.used) return keyOf(node);
    if (node.children) stack.push(...[...node.children.values()].reverse());
  }
  return undefined;
}

class ShapeReader {
  constructor(
    private readonly model: ServiceModel,
    private readonly dialect: FormDialect,
  ) {}

  private shape(ref: MemberRef): ShapeModel {
    return this.model.shapes[ref.shape];
  }

  /** botocore's serialization name: the reference's traits over the target shape's. */
  private locationName(ref: MemberRef): string | undefined {
    return ref.locationName ?? this.shape(ref).locationName;
  }

  private flattened(ref: MemberRef): boolean {
    return Boolean(ref.flattened ?? this.shape(ref).flattened);
  }

  /** botocore's `_get_serialized_name`: EC2 takes queryName, else the locationName capitalised; query the locationName. */
  private serializedName(ref: MemberRef, fallback: string): string {
    if (this.dialect.kind === "query") return this.locationName(ref) ?? fallback;
    const queryName = ref.queryName ?? (this.shape(ref) as { queryName?: string }).queryName;
    if (queryName) return queryName;
    const location = this.locationName(ref);
    return location ? location[0].toUpperCase() + location.slice(1) : fallback;
  }

  /** The key segment of a structure member. */
  private memberKey(ref: MemberRef, name: string): string {
    const shape = this.shape(ref);
    if (this.dialect.kind === "ec2") return this.serializedName(ref, name);
    // A flattened list whose member is named takes the member's name in place of its own.
    if (shape.type === "list" && this.flattened(ref) && shape.member && this.locationName(shape.member)) {
      return this.locationName(shape.member)!;
    }
    return this.locationName(ref) ?? name;
  }

  structure(node: KeyNode, shape: ShapeModel, path: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const name of shape.memberOrder ?? Object.keys(shape.members ?? {})) {
      const ref = shape.members![name];
      const child = node.children?.get(this.memberKey(ref, name)) ?? this.emptyRenamedList(node, ref, name);
      if (!child) continue;
      child.seen = true;
      const value = this.read(child, ref, path ? `${path}.${lowerFirst(name)}` : lowerFirst(name));
      if (value !== undefined) result[name] = value;
    }
    return result;
  }

  /**
   * botocore sends an empty flattened list under the member's own name (`Name=`) even when its elements would take
   * the list member's name instead.
   */
  private emptyRenamedList(node: KeyNode, ref: MemberRef, name: string): KeyNode | undefined {
    if (this.dialect.kind !== "query" || this.shape(ref).type !== "list") return undefined;
    const own = node.children?.get(this.locationName(ref) ?? name);
    return own?.value === "" && !own.children ? own : undefined;
  }

  private read(node: KeyNode, ref: MemberRef, path: string): unknown {
    const shape = this.shape(ref);
    switch (shape.type) {
      case "structure":
        return this.structure(node, shape, path);
      case "list":
        return this.list(node, ref, shape, path);
      case "map":
        return this.map(node, ref, shape, path);
      default:
        return this.scalar(node, shape, path);
    }
  }

  /** `Name=` (nothing below it) is an empty list or map, as the query serializer sends one. */
  private emptyCollection(node: KeyNode): boolean {
    if (node.value === "" && !node.children) {
      node.used = true;
      return true;
    }
    return false;
  }

  private list(node: KeyNode, ref: MemberRef, shape: ShapeModel, path: string): unknown[] | undefined {
    if (this.dialect.kind === "query" && this.emptyCollection(node)) return [];
    let container: KeyNode | undefined = node;
    if (this.dialect.kind === "query" && !this.flattened(ref)) {
      container = node.children?.get(this.locationName(shape.member!) ?? "member");
      if (!container) return undefined;
      container.seen = true;
    }
    const elements = this.indexed(container);
    if (!elements) return undefined;
    return elements.map((element, i) => this.read(element, shape.member!, `${path}.${i + 1}.member`));
  }

  private map(node: KeyNode, ref: MemberRef, shape: ShapeModel, path: string): Record<string, unknown> | undefined {
    if (this.emptyCollection(node)) return {};
    let container: KeyNode | undefined = node;
    if (!this.flattened(ref)) {
      container = node.children?.get("entry");
      if (!container) return undefined;
      container.seen = true;
    }
    const entries = this.indexed(container);
    if (!entries) return undefined;
    const keyName = this.serializedName(shape.key!, "key");
    const valueName = this.serializedName(shape.value!, "value");
    const result: Record<string, unknown> = {};
    entries.forEach((entry, i) => {
      const keyNode = entry.children?.get(keyName);
      const valueNode = entry.children?.get(valueName);
      if (!keyNode || !valueNode) {
        throw this.dialect.badStructure(keyOf(entry), `map entry ${keyOf(entry)} needs both .${keyName} and .${valueName}`);
      }
      keyNode.seen = valueNode.seen = true;
      const key = this.scalar(keyNode, this.shape(shape.key!), `${path}.${i + 1}.key`);
      const value = this.read(valueNode, shape.value!, `${path}.${i + 1}.value`);
      if (key === undefined || value === undefined) return;
      if (Object.hasOwn(result, String(key))) throw this.dialect.badStructure(keyOf(entry), `the map key ${truncate(String(key))} appears more than once`);
      // defineProperty: a key such as `__proto__` is data, never the object's prototype.
      Object.defineProperty(result, String(key), { value, enumerable: true, writable: true, configurable: true });
    });
    return result;
  }

  /** The elements under `.1`, `.2`, … `.N`, in order: every index a plain number, none skipped, none past the cap. */
  private indexed(container: KeyNode): KeyNode[] | undefined {
    if (!container.children) return undefined;
    const byIndex: KeyNode[] = [];
    for (const [segment, child] of container.children) {
      if (!/^[1-9][0-9]*$/.test(segment)) {
        throw this.dialect.badStructure(keyOf(child), `${keyOf(child)}: list indexes are whole numbers from 1`);
      }
      const index = Number(segment);
      if (index > MAX_LIST_INDEX) throw this.dialect.badStructure(keyOf(child), `${keyOf(child)}: a list index may not exceed ${MAX_LIST_INDEX}`);
      byIndex[index - 1] = child;
    }
    for (let i = 0; i < byIndex.length; i++) {
      if (!byIndex[i]) {
        throw this.dialect.badStructure(keyOf(container), `${keyOf(container)}: list indexes must run 1, 2, 3… without a gap (${i + 1} is missing)`);
      }
      byIndex[i].seen = true;
    }
    return byIndex;
  }

  private scalar(node: KeyNode, shape: ShapeModel, path: string): unknown {
    const text = node.value;
    if (text === undefined) return undefined;
    node.used = true;
    const bad = (expected: string) => this.dialect.badValue(keyOf(node), path, text, expected);
    switch (shape.type) {
      case "string":
      case "blob": {
        const invalid = NOT_XML_CHAR.exec(text);
        if (invalid) throw bad(`text without control characters (it contains U+${codeOf(invalid[0])})`);
        return text;
      }
      case "boolean": {
        const lower = text.toLowerCase();
        if (lower !== "true" && lower !== "false") throw bad("true or false");
        return lower === "true";
      }
      case "integer":
      case "long": {
        if (!/^[+-]?[0-9]{1,20}$/.test(text)) throw bad("an integer");
        const number = Number(text);
        const limit = shape.type === "integer" ? 2 ** 31 : Number.MAX_SAFE_INTEGER + 1;
        if (number >= limit || number < -limit) throw bad(`an integer from ${-limit} to ${limit - 1}`);
        return number === 0 ? 0 : number;
      }
      case "double":
      case "float": {
        if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text) || !Number.isFinite(Number(text))) throw bad("a number");
        return Number(text);
      }
      case "timestamp": {
        const seconds = timestampSeconds(text);
        if (seconds === undefined) throw bad("an ISO 8601 timestamp such as 2026-01-01T00:00:00Z");
        return seconds;
      }
      default:
        return text;
    }
  }
}

function lowerFirst(name: string): string {
  return name[0].toLowerCase() + name.slice(1);
}

function codeOf(char: string): string {
  return char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A timestamp parameter as epoch seconds (what the JSON protocols hand the providers): ISO 8601 as botocore sends it
 * (`2026-01-01T00:00:00Z`, with a fraction or an offset), or epoch seconds as some SDKs do.
 */
export function timestampSeconds(text: string): number | undefined {
  if (/^[0-9]{1,12}(\.[0-9]{1,9})?$/.test(text)) return Number(text);
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return undefined;
  if (zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return ms / 1000 + (fraction ? Number(`0${fraction}`) : 0);
}

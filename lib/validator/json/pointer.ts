/** RFC 6901 JSON pointers and botocore-style parameter paths (`containerDefinitions[0].memory`). */

export type PathSegment = string | number;

export function toPointer(segments: readonly PathSegment[]): string {
  let pointer = "";
  for (const segment of segments) {
    pointer += "/" + (typeof segment === "number" ? String(segment) : segment.replace(/~/g, "~0").replace(/\//g, "~1"));
  }
  return pointer;
}

/**
 * How botocore names a parameter in its messages: members joined with dots, list indexes in brackets
 * (`containerDefinitions[0].memory`), and "input" for the whole document.
 */
export function botocoreName(segments: readonly PathSegment[]): string {
  let path = "";
  for (const segment of segments) {
    path += typeof segment === "number" ? `[${segment}]` : path === "" ? segment : "." + segment;
  }
  return path === "" ? "input" : path;
}

/** RFC 6901 JSON pointers and botocore-style parameter paths (`containerDefinitions[0].memory`). */

export type PathSegment = string | number;

export function toPointer(segments: readonly PathSegment[]): string {
  let pointer = "";
  for (const segment of segments) {
    pointer += "/" + (typeof segment === "number" ? String(segment) : segment.replace(/~/g, "~0").replace(/\//g, "~1"));
  }
  return pointer;
}

/** botocore names the input itself "input" and joins members with dots and list indexes with brackets. */
export function toParamPath(segments: readonly PathSegment[]): string {
  let path = "";
  for (const segment of segments) {
    path += typeof segment === "number" ? `[${segment}]` : path === "" ? segment : "." + segment;
  }
  return path;
}

export function containerPath(segments: readonly PathSegment[]): string {
  return segments.length === 0 ? "input" : toParamPath(segments);
}

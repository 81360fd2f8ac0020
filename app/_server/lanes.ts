/**
 * Which requests server.ts serves itself on node:http beside Next.js (the AWS-compatible endpoint, aws-endpoint.ts,
 * and the lesson page's fast lane, fast-lane.ts), told from the method and path alone. This module imports nothing:
 * the front door (front-door.ts) asks it without loading the sandbox, the grader and the database clients.
 */

/** Where the AWS-compatible endpoint is served on this site (README: "Use the AWS CLI"). */
export const ENDPOINT_PATH = "/aws";
export const CONSOLE_PATH = "/api/sandbox/console";
export const LESSON_WRITE_PATH = /^\/api\/lessons\/([^/]+)\/(draft|check)$/;

const pathOf = (url: string | undefined) => (url ?? "").split("?")[0];

/** Whether a request target is the AWS-compatible endpoint: `/aws` (AWS CLI), `/aws/` (SDKs), with any query. */
export function isAwsEndpoint(url: string | undefined): boolean {
  const path = pathOf(url);
  return path === ENDPOINT_PATH || path === `${ENDPOINT_PATH}/`;
}

/** Whether a request is one of the lesson page's frequent ones: the console poll, a draft autosave or a Check. */
export function isFastLane(method: string | undefined, url: string | undefined): boolean {
  const path = pathOf(url);
  return (method === "GET" && path === CONSOLE_PATH) || (method === "POST" && LESSON_WRITE_PATH.test(path));
}

import { expect, type Page } from "@playwright/test";
import { signRequest } from "../unit/sandbox/support/sign";
import type { CliTarget } from "../integration/support/aws-cli";

// How a browser test reaches the learner's sandbox as the learner would: the keys the credentials panel shows, and
// DojoSandbox operations signed with them.

/** The learner's exports from the credentials panel, as the AWS CLI would take them. */
export async function cliTarget(page: Page, workDir: string): Promise<CliTarget> {
  await page.locator("details.credentials > summary").click();
  await expect(page.getByTestId("credentials")).toContainText("AWS_ENDPOINT_URL=");
  const exports = Object.fromEntries([...(await page.getByTestId("credentials").innerText()).matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
  return { endpointUrl: exports.AWS_ENDPOINT_URL, accessKeyId: exports.AWS_ACCESS_KEY_ID, secretAccessKey: exports.AWS_SECRET_ACCESS_KEY, region: exports.AWS_DEFAULT_REGION, workDir };
}

/** A DojoSandbox operation (the load generator), signed with the learner's keys as the SDK signs ECS calls. */
export async function dojoCall(target: CliTarget, operation: string, input: object) {
  const url = new URL(target.endpointUrl);
  const body = JSON.stringify(input);
  const request = await signRequest({ host: url.host, path: url.pathname, target: `DojoSandbox.${operation}`, body, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey, region: target.region });
  const response = await fetch(target.endpointUrl, { method: "POST", headers: request.headers, body });
  expect(response.status, `DojoSandbox.${operation}: ${await response.clone().text()}`).toBe(200);
}

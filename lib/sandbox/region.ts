/** The Region learners' sandboxes live in unless DOJO_SANDBOX_REGION says otherwise (the lessons' prose uses it). */
export const DEFAULT_SANDBOX_REGION = "ap-northeast-1";

/**
 * The commercial ("aws" partition) Regions, from botocore's data/endpoints.json (2026-12). A sandbox exists per
 * account and Region, so accepting any string would let one key create unbounded sandboxes; a Region AWS does not
 * have is refused the way AWS refuses a credential scoped to one.
 */
export const AWS_REGIONS: ReadonlySet<string> = new Set([
  "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
  "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
  "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1",
  "us-west-2",
]);

export function sandboxRegion(env: Record<string, string | undefined>): string {
  const region = env.DOJO_SANDBOX_REGION || DEFAULT_SANDBOX_REGION;
  if (!AWS_REGIONS.has(region)) throw new Error(`DOJO_SANDBOX_REGION must be an AWS Region such as ${DEFAULT_SANDBOX_REGION}, not "${region}"`);
  return region;
}

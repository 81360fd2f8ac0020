import type { KeyValuePair } from "@aws-sdk/client-ecs";
import { hashHex, nextHex } from "./ids";
import type { SandboxState } from "./state";

/**
 * The sandbox has no VPC model: a subnet id alone decides its Availability Zone and address block, stably,
 * so the same subnet always lands in the same AZ. Letters follow the Regions' real AZ names where they differ
 * from a/b/c (ap-northeast-1 has no "b").
 */
const AZ_LETTERS: Record<string, string[]> = {
  "ap-northeast-1": ["a", "c", "d"],
  "us-east-1": ["a", "b", "c", "d", "e", "f"],
  "us-west-1": ["b", "c"],
};

/** The Region's Availability Zone names, in order. */
export function availabilityZones(region: string): string[] {
  return (AZ_LETTERS[region] ?? ["a", "b", "c"]).map((letter) => region + letter);
}

function subnetHash(subnetId: string): number {
  return parseInt(hashHex(`subnet|${subnetId}`, 8), 16);
}

export function availabilityZoneOf(region: string, subnetId: string): string {
  const letters = AZ_LETTERS[region] ?? ["a", "b", "c"];
  return region + letters[subnetHash(subnetId) % letters.length];
}

/** Details of a freshly created task ENI, in the order AWS lists them on the attachment. */
export function newEniDetails(state: SandboxState, subnetId: string): KeyValuePair[] {
  const eniId = `eni-${nextHex(state, "eni", 17)}`;
  const mac = nextHex(state, "mac", 10).match(/../g)!.join(":");
  const thirdOctet = subnetHash(subnetId) % 256;
  // .0–.3 and .255 of every subnet are reserved by AWS.
  const fourthOctet = 4 + (state.sequence % 251);
  const ip = `10.0.${thirdOctet}.${fourthOctet}`;
  const domain = state.region === "us-east-1" ? "ec2.internal" : `${state.region}.compute.internal`;
  return [
    { name: "subnetId", value: subnetId },
    { name: "networkInterfaceId", value: eniId },
    { name: "macAddress", value: `0a:${mac}` },
    { name: "privateDnsName", value: `ip-${ip.replaceAll(".", "-")}.${domain}` },
    { name: "privateIPv4Address", value: ip },
  ];
}

export function detailOf(details: KeyValuePair[] | undefined, name: string): string | undefined {
  return details?.find((d) => d.name === name)?.value;
}

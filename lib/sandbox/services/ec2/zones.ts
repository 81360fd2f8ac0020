/**
 * Availability Zones and other per-Region names. The zone names come from the ECS engine's own table
 * (engine/network.ts: ap-northeast-1 has a, c and d — no "b" for accounts created since 2012; us-east-1 has a–f;
 * an unknown Region a–c), so a subnet's zone and a container instance's zone always agree.
 */
import { hashHex } from "../../engine/ids";
import { availabilityZones } from "../../engine/network";

/** How many Availability Zones the seeded network spans (curriculum §3.1: three). */
export const SEEDED_ZONE_COUNT = 3;

/**
 * The short Region code AWS uses in zone ids and prefix-list names: ap-northeast-1 → apne1, us-east-1 → use1,
 * eu-central-1 → euc1, us-gov-west-1 → usgw1.
 */
export function regionCode(region: string): string {
  const parts = region.split("-");
  const number = parts.pop() ?? "";
  const [area, ...words] = parts;
  const letters = words.map((word) => {
    for (const direction of ["north", "south"]) {
      if (word.startsWith(direction) && word.length > direction.length) return direction[0] + word.slice(direction.length)[0];
    }
    return word[0];
  });
  return `${area}${letters.join("")}${number}`;
}

/**
 * The zone id of each zone name. AWS maps names to ids per account in the older Regions; these are the mappings
 * most accounts see ([inferred] from published examples for ap-northeast-1: 1a = apne1-az4, 1c = apne1-az1,
 * 1d = apne1-az2), elsewhere the zone's position.
 */
const ZONE_IDS: Record<string, string[]> = { "ap-northeast-1": ["az4", "az1", "az2"] };

export interface Zone {
  ZoneName: string;
  ZoneId: string;
}

/** Every zone of the Region, in name order. */
export function regionZones(region: string): Zone[] {
  const ids = ZONE_IDS[region];
  return availabilityZones(region).map((ZoneName, i) => ({ ZoneName, ZoneId: `${regionCode(region)}-${ids?.[i] ?? `az${i + 1}`}` }));
}

/** The zones the seeded network uses: the Region's first three (fewer where the Region has fewer). */
export function seededZones(region: string): Zone[] {
  return regionZones(region).slice(0, SEEDED_ZONE_COUNT);
}

export function zoneIdOf(region: string, zoneName: string): string | undefined {
  return regionZones(region).find((zone) => zone.ZoneName === zoneName)?.ZoneId;
}

/**
 * The AWS-managed prefix list of Amazon S3 in a Region (what an S3 gateway endpoint's route points at). Real ids for
 * the Regions the course uses; elsewhere a stable made-up id ([inferred]: AWS's ids are not derivable).
 */
const S3_PREFIX_LISTS: Record<string, string> = {
  "ap-northeast-1": "pl-61a54008",
  "us-east-1": "pl-63a5400a",
  "us-west-2": "pl-68a54001",
  "eu-west-1": "pl-6da54004",
};

export function s3PrefixListId(region: string): string {
  return S3_PREFIX_LISTS[region] ?? `pl-${hashHex(`s3-prefix-list|${region}`, 8)}`;
}

/** The private DNS domain of the Region's instances and ENIs. */
export function privateDnsDomain(region: string): string {
  return region === "us-east-1" ? "ec2.internal" : `${region}.compute.internal`;
}

/**
 * Simulated EC2 instance types. The ECS agent registers CPU = vCPUs × 1024 and MEMORY = what the OS reports minus
 * ECS_RESERVED_MEMORY (0 by default). The OS sees less than the nominal memory (kernel, firmware); AWS's guide gives
 * m4.large 8 GiB → about 7,985 MiB. We take registered MEMORY = floor(nominal MiB × 0.975) for every type
 * ([inferred]: one observed point, a proportional rule), so lessons can compute what fits.
 *
 * | type        | vCPU | nominal MiB | registered CPU | registered MEMORY |
 * |-------------|-----:|------------:|---------------:|------------------:|
 * | t3.micro    | 2    | 1,024       | 2,048          | 998               |
 * | t3.small    | 2    | 2,048       | 2,048          | 1,996             |
 * | t3.medium   | 2    | 4,096       | 2,048          | 3,993             |
 * | t3.large    | 2    | 8,192       | 2,048          | 7,987             |
 * | t3.xlarge   | 4    | 16,384      | 4,096          | 15,974            |
 * | t3.2xlarge  | 8    | 32,768      | 8,192          | 31,948            |
 * | m5.large    | 2    | 8,192       | 2,048          | 7,987             |
 * | m5.xlarge   | 4    | 16,384      | 4,096          | 15,974            |
 * | m5.2xlarge  | 8    | 32,768      | 8,192          | 31,948            |
 * | c5.large    | 2    | 4,096       | 2,048          | 3,993             |
 * | c5.xlarge   | 4    | 8,192       | 4,096          | 7,987             |
 * | c5.2xlarge  | 8    | 16,384      | 8,192          | 15,974            |
 * | r5.large    | 2    | 16,384      | 2,048          | 15,974            |
 * | r5.xlarge   | 4    | 32,768      | 4,096          | 31,948            |
 * | r5.2xlarge  | 8    | 65,536      | 8,192          | 63,897            |
 *
 * `enis` is the instance type's published maximum of network interfaces; without awsvpc trunking each awsvpc task
 * needs one of them besides the instance's primary interface (t3.micro: 1 task, m5.large: 2, m5.xlarge: 3).
 */
const NOMINAL: Record<string, { vcpu: number; memoryMiB: number; enis: number }> = {
  "t3.micro": { vcpu: 2, memoryMiB: 1024, enis: 2 },
  "t3.small": { vcpu: 2, memoryMiB: 2048, enis: 3 },
  "t3.medium": { vcpu: 2, memoryMiB: 4096, enis: 3 },
  "t3.large": { vcpu: 2, memoryMiB: 8192, enis: 3 },
  "t3.xlarge": { vcpu: 4, memoryMiB: 16384, enis: 4 },
  "t3.2xlarge": { vcpu: 8, memoryMiB: 32768, enis: 4 },
  "m5.large": { vcpu: 2, memoryMiB: 8192, enis: 3 },
  "m5.xlarge": { vcpu: 4, memoryMiB: 16384, enis: 4 },
  "m5.2xlarge": { vcpu: 8, memoryMiB: 32768, enis: 4 },
  "c5.large": { vcpu: 2, memoryMiB: 4096, enis: 3 },
  "c5.xlarge": { vcpu: 4, memoryMiB: 8192, enis: 4 },
  "c5.2xlarge": { vcpu: 8, memoryMiB: 16384, enis: 4 },
  "r5.large": { vcpu: 2, memoryMiB: 16384, enis: 3 },
  "r5.xlarge": { vcpu: 4, memoryMiB: 32768, enis: 4 },
  "r5.2xlarge": { vcpu: 8, memoryMiB: 65536, enis: 4 },
};

export const OS_VISIBLE_MEMORY_SHARE = 0.975;

export function instanceTypes(): string[] {
  return Object.keys(NOMINAL);
}

/** Registered CPU units and MiB of an instance type, or undefined for a type the sandbox does not simulate. */
export function registeredResourcesOf(instanceType: string): { cpu: number; memory: number } | undefined {
  const nominal = NOMINAL[instanceType];
  if (!nominal) return undefined;
  return { cpu: nominal.vcpu * 1024, memory: Math.floor(nominal.memoryMiB * OS_VISIBLE_MEMORY_SHARE) };
}

/** How many awsvpc tasks an instance of this type can hold at once (one ENI each; the primary one is the instance's). */
export function taskEniSlotsOf(instanceType: string): number {
  return (NOMINAL[instanceType]?.enis ?? NOMINAL[DEFAULT_INSTANCE_TYPE].enis) - 1;
}

/** What RegisterContainerInstance assumes when no identity document names the type. */
export const DEFAULT_INSTANCE_TYPE = "t3.medium";

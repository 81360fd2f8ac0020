import { startMoto, type MotoServer } from "./moto-server";

/**
 * moto_server as the services besides ECS need it: with AWS's managed policies (AmazonECSTaskExecutionRolePolicy, …),
 * which moto loads only when MOTO_IAM_LOAD_MANAGED_POLICIES asks it to (every AWS account has them all).
 */
export async function startMotoWithManagedPolicies(): Promise<MotoServer> {
  const before = process.env.MOTO_IAM_LOAD_MANAGED_POLICIES;
  process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = "true";
  try {
    return await startMoto();
  } finally {
    if (before === undefined) delete process.env.MOTO_IAM_LOAD_MANAGED_POLICIES;
    else process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = before;
  }
}

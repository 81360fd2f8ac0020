/**
 * GetAuthorizationToken: what `aws ecr get-login-password` and `docker login` use. [AWS-doc] API_AuthorizationData:
 * the token is base64 of `AWS:<password>`, valid for 12 hours; proxyEndpoint is the registry URL,
 * `https://<account>.dkr.ecr.<region>.amazonaws.com`. The password imitates the shape of AWS's (base64 of a JSON
 * envelope) and is derived from the account, Region, registry and expiry, so a call is deterministic and changes
 * nothing, and the sandbox's `docker login` can tell a password this registry issued from any other (passwordOk).
 */
import { hashHex } from "../../engine/ids";
import { optStringList, type Input } from "../../engine/input";
import type { Operation } from "../../engine/operation";
import type { SandboxState } from "../../engine/state";
import { epochSeconds } from "../../engine/wire";
import { constraint } from "./errors";
import { ECR_TIMES } from "./quotas";
import { registryHost } from "./requests";

/** [AWS-doc] API model GetAuthorizationTokenRegistryIdList: 1–10 registry ids of 12 digits. */
const MAX_REGISTRY_IDS = 10;

function readRegistryIds(state: SandboxState, input: Input): string[] {
  const ids = optStringList(input, "registryIds");
  if (ids === undefined) return [state.accountId];
  if (ids.length < 1) throw constraint("registryIds", "Member must have length greater than or equal to 1");
  if (ids.length > MAX_REGISTRY_IDS) throw constraint("registryIds", `Member must have length less than or equal to ${MAX_REGISTRY_IDS}`);
  for (const id of ids) if (!/^[0-9]{12}$/.test(id)) throw constraint("registryIds", "must satisfy regular expression '[0-9]{12}'");
  return ids;
}

function loginPassword(accountId: string, region: string, registryId: string, expiration: number): string {
  const seed = `${accountId}|${region}|${registryId}|ecr-token|${expiration}`;
  const envelope = {
    payload: btoa(hashHex(`${seed}|payload`, 192)),
    datakey: btoa(hashHex(`${seed}|datakey`, 96)),
    version: "2",
    type: "DATA_KEY",
    expiration,
  };
  return btoa(JSON.stringify(envelope));
}

/**
 * When a password `aws ecr get-login-password` printed for this account's registry in `region` expires (epoch ms), or
 * undefined when it is not one: another Region's, another account's, altered, or not a token at all.
 */
export function passwordExpiry(accountId: string, region: string, password: string): number | undefined {
  let expiration: unknown;
  try {
    expiration = (JSON.parse(atob(password)) as { expiration?: unknown }).expiration;
  } catch {
    return undefined;
  }
  if (typeof expiration !== "number" || !Number.isInteger(expiration)) return undefined;
  return loginPassword(accountId, region, accountId, expiration) === password ? expiration * 1000 : undefined;
}

export const authorizationOperations: Record<string, Operation> = {
  GetAuthorizationToken: {
    readOnly: true,
    run(state, input, clockMs) {
      const expiresAtMs = clockMs + ECR_TIMES.authorizationTokenMs;
      return {
        authorizationData: readRegistryIds(state, input).map((registryId) => ({
          authorizationToken: btoa(`AWS:${loginPassword(state.accountId, state.region, registryId, Math.floor(expiresAtMs / 1000))}`),
          expiresAt: epochSeconds(expiresAtMs),
          proxyEndpoint: `https://${registryHost(registryId, state.region)}`,
        })),
      };
    },
  },
};

/**
 * GetAuthorizationToken: what `aws ecr get-login-password` and `docker login` use. [AWS-doc] API_AuthorizationData:
 * the token is base64 of `AWS:<password>`, valid for 12 hours; proxyEndpoint is the registry URL,
 * `https://<account>.dkr.ecr.<region>.amazonaws.com`. The password imitates the shape of AWS's (base64 of a JSON
 * envelope) and is derived from the sandbox and the simulated instant, so a call is deterministic and changes nothing.
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

function authorizationToken(state: SandboxState, registryId: string, clockMs: number, expiresAtMs: number): string {
  const seed = `${state.seed}|${state.accountId}|${state.region}|${registryId}|ecr-token|${clockMs}`;
  const envelope = {
    payload: btoa(hashHex(`${seed}|payload`, 192)),
    datakey: btoa(hashHex(`${seed}|datakey`, 96)),
    version: "2",
    type: "DATA_KEY",
    expiration: Math.floor(expiresAtMs / 1000),
  };
  return btoa(`AWS:${btoa(JSON.stringify(envelope))}`);
}

export const authorizationOperations: Record<string, Operation> = {
  GetAuthorizationToken: {
    readOnly: true,
    run(state, input, clockMs) {
      const expiresAtMs = clockMs + ECR_TIMES.authorizationTokenMs;
      return {
        authorizationData: readRegistryIds(state, input).map((registryId) => ({
          authorizationToken: authorizationToken(state, registryId, clockMs, expiresAtMs),
          expiresAt: epochSeconds(expiresAtMs),
          proxyEndpoint: `https://${registryHost(registryId, state.region)}`,
        })),
      };
    },
  },
};

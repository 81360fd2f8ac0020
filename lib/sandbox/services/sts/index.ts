/** AWS STS: who am I. The sandbox's keys belong to the learner's own sandbox account. */
import type { ServiceProvider } from "../provider";

export const stsProvider: ServiceProvider = {
  service: "sts",
  global: true,
  operations: {
    GetCallerIdentity: {
      readOnly: true,
      // [inferred] The sandbox has no IAM users: the keys act as the account's root, whose ARN AWS writes this way.
      run: (state) => ({ UserId: state.accountId, Account: state.accountId, Arn: `arn:aws:iam::${state.accountId}:root` }),
    },
  },
};

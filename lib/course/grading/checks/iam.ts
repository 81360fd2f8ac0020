/**
 * What a role may do now (curriculum R11): IAM's own evaluation (SimulatePrincipalPolicy) of the role as it stands —
 * every policy attached or inline, whichever calls put them there — against the decisions a lesson expects, e.g. the
 * task role allowed s3:GetObject on the report and denied s3:PutObject. Read as the grader, never recorded.
 */
import { z } from "zod";
import { commonText } from "../common-messages";
import type { CheckContext } from "../context";
import { catalog, defineCheck, fail, pass } from "../define";

const en = {
  noRole: (role: string) => `Expected: the IAM role ${role} in your account. Seen: no such role.`,
  decision: (role: string, allowed: boolean, action: string, resource: string, seen: string) =>
    `Expected: ${role} ${allowed ? "allowed" : "denied"} ${action} on ${resource}. Seen: ${seen} (IAM's policy simulation of every policy the role has now).`,
};
const ja: typeof en = {
  noRole: (role: string) => `期待: アカウントに IAM ロール ${role} があること。実際: ありません。`,
  decision: (role: string, allowed: boolean, action: string, resource: string, seen: string) =>
    `期待: ${role} に ${resource} に対する ${action} が${allowed ? "許可" : "拒否"}されていること。実際: ${seen} (ロールに今付いているすべてのポリシーを IAM のポリシーシミュレーションで評価した結果)。`,
};
const text = catalog(en, ja);

const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/**
 * A lesson's resource ARN with the curriculum's account (`arn:aws:logs:ap-northeast-1:123456789012:log-group:…`) asked
 * about in the role's own account: every learner's sandbox has an id of its own and reads that one as its own
 * (lib/sandbox/engine/account.ts, CURRICULUM_ACCOUNT), so a lesson can name an account-scoped resource once for all.
 */
function inRoleAccount(resource: string, roleArn: string): string {
  const account = roleArn.split(":")[4];
  return account ? resource.replace(/^(arn:[^:]*:[^:]*:[^:]*:)123456789012(?=:)/, `$1${account}`) : resource;
}

/** IAM's decision (allowed, implicitDeny, explicitDeny) for each expectation, or the failure to tell the learner. */
async function decisionsOf(ctx: CheckContext, role: string, expect: { action: string; resource: string }[]): Promise<string[] | { failed: string }> {
  const iam = ctx.sandbox?.iam;
  if (!iam) return { failed: commonText(ctx.lang).sandboxUnavailable };
  try {
    const arn = tag(await iam("GetRole", { RoleName: role }), "Arn");
    if (!arn) return { failed: text(ctx.lang).noRole(role) };
    const decisions: string[] = [];
    for (const { action, resource } of expect) {
      const xml = await iam("SimulatePrincipalPolicy", { PolicySourceArn: arn, "ActionNames.member.1": action, "ResourceArns.member.1": inRoleAccount(resource, arn) });
      decisions.push(tag(xml, "EvalDecision") ?? "—");
    }
    return decisions;
  } catch (error) {
    const { name, message } = error as Error;
    if (name === "NoSuchEntity") return { failed: text(ctx.lang).noRole(role) };
    if (name === "TypeError" || name === "TimeoutError") return { failed: commonText(ctx.lang).sandboxUnavailable };
    return { failed: commonText(ctx.lang).sandboxError(`${name}: ${message}`) };
  }
}

export const iamSimulation = defineCheck({
  kind: "iam-simulation",
  reads: "sandbox",
  schema: z.object({
    /** The role's name. */
    role: z.string().min(1),
    /** Each action on a resource the role must be allowed (or, with allowed: false, must not be: implicit or explicit deny). */
    expect: z.array(z.object({ action: z.string().min(1), resource: z.string().min(1), allowed: z.boolean() })).min(1),
  }),
  async run(check, ctx) {
    const decisions = await decisionsOf(ctx, check.role, check.expect);
    if (!Array.isArray(decisions)) return fail(decisions.failed);
    const wrong = check.expect.findIndex((e, i) => (decisions[i] === "allowed") !== e.allowed);
    if (wrong < 0) return pass();
    const { action, resource, allowed } = check.expect[wrong];
    return fail(text(ctx.lang).decision(check.role, allowed, action, resource, decisions[wrong]));
  },
});

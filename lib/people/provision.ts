import { db } from "@/lib/progress/db";
import { auth, createSignInLinkToken, SIGN_IN_LINK_HOURS } from "./auth";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rule";
import type { Role } from "./roles";

/**
 * Accounts made by whoever runs the server (`ecs-dojo users`), for self-hosters without email: with a password read
 * from stdin, or with a one-time sign-in link whose token is stored only as a hash and expires.
 */
export class ProvisionError extends Error {}

const USERNAME = /^[a-zA-Z0-9_.]{3,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewUser {
  email: string;
  username?: string;
  role: Role;
  /** Absent: the account gets a one-time sign-in link instead. */
  password?: string;
}

export async function addUser(input: NewUser): Promise<{ userId: string; link?: { token: string; expiresAt: Date } }> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new ProvisionError(`--email must be an email address such as name@example.com (got '${input.email}')`);
  if (input.username !== undefined && !USERNAME.test(input.username)) {
    throw new ProvisionError("--username must be 3–30 letters, digits, '_' or '.'");
  }
  if (await db().user.findUnique({ where: { email } })) {
    throw new ProvisionError(`an account with ${email} already exists (ecs-dojo users link --email ${email} prints a sign-in link for it)`);
  }
  if (input.username && (await db().user.findUnique({ where: { username: input.username.toLowerCase() } }))) {
    throw new ProvisionError(`the user name '${input.username}' is taken; choose another`);
  }
  const name = input.username ?? email.split("@")[0];
  if (input.password !== undefined) {
    if (input.password.length < PASSWORD_MIN) throw new ProvisionError(`the password must be at least ${PASSWORD_MIN} characters long`);
    if (input.password.length > PASSWORD_MAX) throw new ProvisionError(`the password must be at most ${PASSWORD_MAX} characters long`);
    const { user } = await auth().api.signUpEmail({
      body: { email, password: input.password, name, ...(input.username ? { username: input.username } : {}) },
      headers: new Headers({ "user-agent": "ecs-dojo users add" }),
    });
    await db().user.update({ where: { id: user.id }, data: { role: input.role } });
    return { userId: user.id };
  }
  const context = await auth().$context;
  const user = await context.internalAdapter.createUser({
    email,
    name,
    emailVerified: false,
    ...(input.username ? { username: input.username.toLowerCase(), displayUsername: input.username } : {}),
  }, { method: "admin" });
  await db().user.update({ where: { id: user.id }, data: { role: input.role } });
  return { userId: user.id, link: await createSignInLinkToken(user.id) };
}

/** A new one-time sign-in link for an existing account (a forgotten password, an expired link). */
export async function newSignInLink(emailOrUsername: string): Promise<{ token: string; expiresAt: Date }> {
  const key = emailOrUsername.trim().toLowerCase();
  const user = await db().user.findFirst({ where: key.includes("@") ? { email: key } : { username: key } });
  if (!user) throw new ProvisionError(`no account with ${emailOrUsername}`);
  return createSignInLinkToken(user.id);
}

export async function setRole(emailOrUsername: string, role: Role): Promise<void> {
  const key = emailOrUsername.trim().toLowerCase();
  const updated = await db().user.updateMany({ where: key.includes("@") ? { email: key } : { username: key }, data: { role } });
  if (updated.count === 0) throw new ProvisionError(`no account with ${emailOrUsername}`);
}

export { SIGN_IN_LINK_HOURS };

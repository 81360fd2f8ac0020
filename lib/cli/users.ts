/** `ecs-dojo users add|link|role|token`: accounts for self-hosters without email (lib/people/provision.ts). */
import type { Role } from "../people/roles";
import { parseArgs } from "./args";
import { prepareDatabase } from "./credentials";
import { EXIT, UsageError, type Command } from "./io";

const OPTIONS = {
  role: { values: ["learner", "instructor", "admin"] },
  email: { value: "EMAIL" },
  username: { value: "NAME" },
  "password-stdin": { flag: true },
  url: { value: "URL" },
  lang: { values: ["en", "ja"] },
  help: { flag: true, alias: "h" },
} as const;

const HELP = `Usage:
  ecs-dojo users add --role learner|instructor|admin --email EMAIL [--username NAME] [--password-stdin]
  ecs-dojo users link --email EMAIL           (or --username NAME)
  ecs-dojo users role --email EMAIL --role learner|instructor|admin
  ecs-dojo users token --email EMAIL          (or --username NAME)

add   creates an account. With --password-stdin the password is read from standard input
      (printf '%s' "$PASSWORD" | npx ecs-dojo users add … --password-stdin); without it the command prints
      a one-time sign-in link, valid for 24 hours: open it, sign in, then set a password on the account page.
link  prints a new one-time sign-in link for an existing account (a forgotten password).
role  changes an account's role.
token prints a new personal API token for the workshop API (docs/api.md): send it as
      "Authorization: Bearer <token>". It is shown once; only its hash is stored. It acts with the account's
      role, so it runs workshops only for an instructor or admin.

Run it in the directory the server runs in: it uses the same database (DATABASE_URL) and server key.

Options:
  --url URL       the site's address, for the link (default: http://localhost:$PORT, PORT defaulting to 3000)
  --lang en|ja    the language of the link's page (default: en)
  -h, --help      show this help
`;

export const runUsers: Command["run"] = async (args, io) => {
  const { options, positionals } = parseArgs(args, OPTIONS);
  if (options.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const [action, ...rest] = positionals;
  if (!action || !["add", "link", "role", "token"].includes(action)) throw new UsageError("expected 'add', 'link', 'role' or 'token' (see ecs-dojo users --help)");
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}' (see ecs-dojo users --help)`);
  const base = siteUrl(options.url, io.env.PORT);
  const linkUrl = (token: string) => `${base}/${options.lang ?? "en"}/sign-in/link#${token}`;
  await prepareDatabase();
  const { db } = await import("../progress/db");
  const provision = await import("../people/provision");
  try {
    if (action === "add") {
      if (!options.role) throw new UsageError("users add needs --role learner|instructor|admin");
      if (!options.email) throw new UsageError("users add needs --email EMAIL");
      const password = options["password-stdin"] ? (await io.readStdin()).replace(/\r?\n$/, "") : undefined;
      const made = await provision.addUser({ email: options.email, username: options.username, role: options.role as Role, password });
      io.stdout(`Created ${options.role} ${options.email}${options.username ? ` (${options.username})` : ""}.\n`);
      if (made.link) io.stdout(oneTimeLink(linkUrl(made.link.token), made.link.expiresAt));
    } else if (action === "link") {
      const who = options.email ?? options.username;
      if (!who) throw new UsageError("users link needs --email EMAIL or --username NAME");
      const link = await provision.newSignInLink(who);
      io.stdout(oneTimeLink(linkUrl(link.token), link.expiresAt));
    } else if (action === "token") {
      const who = options.email ?? options.username;
      if (!who) throw new UsageError("users token needs --email EMAIL or --username NAME");
      const tokens = await import("../people/api-tokens");
      const userId = await tokens.userIdByEmail(who);
      if (!userId) throw new provision.ProvisionError(`no account with ${who}`);
      const { token } = await tokens.createApiToken(userId, "ecs-dojo users token");
      io.stdout(`Personal API token for ${who} (shown once; send it as "Authorization: Bearer <token>"):\n  ${token}\n`);
    } else {
      const who = options.email ?? options.username;
      if (!who || !options.role) throw new UsageError("users role needs --email EMAIL (or --username NAME) and --role");
      await provision.setRole(who, options.role as Role);
      io.stdout(`${who} is now ${options.role}.\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof provision.ProvisionError) {
      io.stderr(`ecs-dojo users ${action}: ${error.message}\n`);
      return EXIT.findings;
    }
    throw error;
  } finally {
    await db().$disconnect();
  }
};

function oneTimeLink(url: string, expiresAt: Date): string {
  return `One-time sign-in link (valid until ${expiresAt.toISOString()}; it works once):\n  ${url}\n`;
}

function siteUrl(given: string | undefined, port: string | undefined): string {
  if (given === undefined) return `http://localhost:${port || "3000"}`;
  if (!URL.canParse(given) || !/^https?:$/.test(new URL(given).protocol)) throw new UsageError(`--url must be an http(s) URL (got '${given}')`);
  return given.replace(/\/+$/, "");
}

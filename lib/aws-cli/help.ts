/**
 * `aws help`, `aws <service> help`, `aws <service> <operation> help`, `aws <service> wait help`: short summaries from
 * the model's documentation (the real CLI renders full man pages; a browser terminal shows the gist and the options).
 */
import type { ArgumentTable } from "./arguments";
import type { Operation, ServiceModel, Shape } from "./model";

const WIDTH = 78;

function wrap(text: string, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

export function topHelp(services: readonly string[]): string {
  return [
    "AWS CLI (ECS Dojo interpreter)",
    "",
    "  aws [options] <command> <subcommand> [parameters]",
    "",
    "Available services:",
    ...services.map((s) => `  ${s}`),
    "",
    "Global options: --region, --output json|text|table|yaml|yaml-stream, --query, --endpoint-url,",
    "  --no-paginate, --cli-input-json, --generate-cli-skeleton, --color, --debug.",
    "Run `aws <service> help` for a service's commands.",
    "",
  ].join("\n");
}

export function serviceHelp(model: ServiceModel): string {
  const commands = Object.values(model.operations).map((o) => o.cliName);
  if (Object.keys(model.waiters).length > 0) commands.push("wait");
  return [
    model.cliName.toUpperCase(),
    "",
    wrap(model.summary || model.metadata.serviceFullName || model.metadata.serviceId, "  "),
    "",
    "Available commands:",
    ...commands.sort().map((c) => `  ${c}`),
    "",
    `Run \`aws ${model.cliName} <command> help\` for a command's options.`,
    "",
  ].join("\n");
}

export function waitHelp(model: ServiceModel): string {
  return [
    "WAIT",
    "",
    "  Wait until a particular condition is satisfied. Each subcommand polls an API until the listed requirement is met.",
    "",
    "Available commands:",
    ...Object.values(model.waiters).map((w) => `  ${w.cliName}`),
    "",
  ].join("\n");
}

function typeLabel(shape: Shape | undefined, model: ServiceModel): string {
  if (!shape) return "string";
  if (shape.type === "list") return `list of ${typeLabel(model.shapes[shape.member!.shape], model)}`;
  return shape.type;
}

export function operationHelp(model: ServiceModel, operation: Operation, table: ArgumentTable, title = operation.cliName): string {
  const lines = [title, ""];
  if (operation.summary) lines.push(wrap(operation.summary, "  "), "");
  lines.push("Options:");
  for (const argument of table.arguments) {
    const label = argument.shape ? typeLabel(argument.shape, model) : argument.kind === "paging" ? (argument.member === "StartingToken" ? "string" : "integer") : "string";
    lines.push(`  --${argument.name} (${label})${argument.required ? " [required]" : ""}`);
    if (argument.shape?.enum) lines.push(wrap(`one of: ${argument.shape.enum.join(", ")}`, "      "));
    if (argument.summary) lines.push(wrap(argument.summary, "      "));
  }
  if (operation.paginator) {
    lines.push("", wrap(`${operation.cliName} is a paginated operation: the CLI calls it until every page is read (--no-paginate for one call; --max-items and --starting-token to page).`, "  "));
  }
  lines.push("");
  return lines.join("\n");
}

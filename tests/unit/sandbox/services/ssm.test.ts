/**
 * SSM Parameter Store's logic, driven through the provider the way the gateway runs it (runOperation): names and
 * hierarchies, versions and Overwrite, tiers, SecureString and WithDecryption, selectors and labels, lists by path
 * and by filter, pages, history, deletion, AllowedPattern.
 */
import { describe, expect, test } from "vitest";
import { EcsError } from "@/lib/sandbox/engine/errors";
import { runOperation } from "@/lib/sandbox/engine/simulation";
import { createSandboxState, type SandboxState } from "@/lib/sandbox/engine/state";
import { ssmProvider } from "@/lib/sandbox/services/ssm";
import { SSM_SANDBOX_LIMITS } from "@/lib/sandbox/services/ssm/quotas";
import { NEW_ACCOUNT } from "@/lib/sandbox/engine";

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const ARN_PREFIX = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/`;

function sandbox(region = REGION) {
  let state: SandboxState = createSandboxState(ACCOUNT, region);
  let now = T0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = (name: string, input: object = {}): any => {
    const operation = ssmProvider.operations[name];
    const { state: next, output } = runOperation(state, operation, input, now, NEW_ACCOUNT);
    if (!operation.readOnly) state = next;
    return output;
  };
  const fail = (name: string, input: object = {}) => {
    const before = state;
    try {
      call(name, input);
    } catch (error) {
      if (!(error instanceof EcsError)) throw error;
      expect(state).toBe(before);
      return { code: error.type, message: error.message };
    }
    throw new Error(`${name} did not fail`);
  };
  return { call, fail, tick: (ms: number) => (now += ms), state: () => state };
}

const NOT_FOUND = { code: "ParameterNotFound", message: "" };
const INVALID_NAME = {
  code: "ValidationException",
  message:
    'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
};

describe("PutParameter and GetParameter: versions, Overwrite, types", () => {
  test("a String parameter, its versions, and AWS's refusals", () => {
    const s = sandbox();
    expect(s.call("PutParameter", { Name: "/orders/feature-flag", Value: "off", Type: "String" })).toEqual({ Version: 1, Tier: "Standard" });
    expect(s.fail("PutParameter", { Name: "/orders/feature-flag", Value: "on", Type: "String" })).toEqual({
      code: "ParameterAlreadyExists",
      message: "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.",
    });
    s.tick(60_000);
    // Overwrite without Type keeps the type.
    expect(s.call("PutParameter", { Name: "/orders/feature-flag", Value: "on", Overwrite: true })).toEqual({ Version: 2, Tier: "Standard" });
    expect(s.call("GetParameter", { Name: "/orders/feature-flag" })).toEqual({
      Parameter: {
        Name: "/orders/feature-flag",
        Type: "String",
        Value: "on",
        Version: 2,
        LastModifiedDate: (T0 + 60_000) / 1000,
        ARN: `${ARN_PREFIX}orders/feature-flag`,
        DataType: "text",
      },
    });
    expect(s.fail("PutParameter", { Name: "/new", Value: "x" })).toEqual({ code: "ValidationException", message: "A parameter type is required when you create a parameter." });
    expect(s.fail("PutParameter", { Name: "/new", Value: "x", Type: "Text" })).toEqual({
      code: "ValidationException",
      message: "1 validation error detected: Value 'Text' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]",
    });
    expect(s.fail("PutParameter", { Name: "/orders/feature-flag", Value: "x", Overwrite: true, Tags: [{ Key: "a", Value: "b" }] }).message).toMatch(
      /^Invalid request: tags and overwrite can't be used together\./,
    );
    expect(s.fail("PutParameter", { Name: "/e", Value: "", Type: "String" }).code).toBe("ValidationException");
    expect(s.fail("GetParameter", { Name: "/orders/missing" })).toEqual(NOT_FOUND);
  });

  test("name rules: hierarchy, reserved prefixes, characters, depth; /x and x are one parameter", () => {
    const s = sandbox();
    expect(s.fail("PutParameter", { Name: "orders/db", Value: "x", Type: "String" })).toEqual({
      code: "ValidationException",
      message: "Parameter name must be a fully qualified name.",
    });
    expect(s.fail("PutParameter", { Name: "aws-thing", Value: "x", Type: "String" })).toEqual({
      code: "ValidationException",
      message: 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
    });
    expect(s.fail("PutParameter", { Name: "/SSM/x", Value: "x", Type: "String" })).toEqual(INVALID_NAME);
    expect(s.fail("PutParameter", { Name: "/aws/service/x", Value: "x", Type: "String" })).toEqual({
      code: "AccessDeniedException",
      message: "No access to reserved parameter name: /aws/service/x.",
    });
    expect(s.fail("PutParameter", { Name: "/orders/db password", Value: "x", Type: "String" })).toEqual(INVALID_NAME);
    expect(s.fail("PutParameter", { Name: "/orders/support@example.com", Value: "x", Type: "String" })).toEqual(INVALID_NAME);
    const deep = `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join("/")}`;
    expect(s.fail("PutParameter", { Name: deep, Value: "x", Type: "String" }).code).toBe("HierarchyLevelLimitExceededException");
    expect(s.call("PutParameter", { Name: deep.split("/").slice(0, 16).join("/"), Value: "x", Type: "String" }).Version).toBe(1);
    // Spaces at the ends are removed; a one-level name is the same with or without its slash.
    s.call("PutParameter", { Name: " /db-host ", Value: "10.0.0.1", Type: "String" });
    expect(s.call("GetParameter", { Name: "db-host" }).Parameter).toMatchObject({ Name: "/db-host", Value: "10.0.0.1", ARN: `${ARN_PREFIX}db-host` });
    expect(s.fail("PutParameter", { Name: "db-host", Value: "x", Type: "String" }).code).toBe("ParameterAlreadyExists");
    expect(s.fail("GetParameter", { Name: "{test}-test" })).toEqual(INVALID_NAME);
  });

  test("GetParameter by ARN; another Region's ARN is not found", () => {
    const s = sandbox();
    s.call("PutParameter", { Name: "/orders/db-host", Value: "db.internal", Type: "String" });
    expect(s.call("GetParameter", { Name: `${ARN_PREFIX}orders/db-host` }).Parameter.Value).toBe("db.internal");
    expect(s.fail("GetParameter", { Name: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/orders/db-host` })).toEqual(NOT_FOUND);
  });

  test("tiers: Standard holds 4096 characters, Advanced 8192; Intelligent-Tiering chooses; no way back to Standard", () => {
    const s = sandbox();
    expect(s.fail("PutParameter", { Name: "/big", Value: "x".repeat(4097), Type: "String" })).toEqual({
      code: "ValidationException",
      message:
        "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html",
    });
    expect(s.call("PutParameter", { Name: "/fits", Value: "x".repeat(4096), Type: "String" }).Tier).toBe("Standard");
    expect(s.call("PutParameter", { Name: "/big", Value: "x".repeat(4097), Type: "String", Tier: "Intelligent-Tiering" }).Tier).toBe("Advanced");
    expect(s.call("PutParameter", { Name: "/small", Value: "x", Type: "String", Tier: "Intelligent-Tiering" }).Tier).toBe("Standard");
    expect(s.fail("PutParameter", { Name: "/huge", Value: "x".repeat(8193), Type: "String", Tier: "Advanced" }).code).toBe("ValidationException");
    expect(s.call("PutParameter", { Name: "/big", Value: "short", Overwrite: true }).Tier).toBe("Advanced");
    expect(s.fail("PutParameter", { Name: "/big", Value: "short", Overwrite: true, Tier: "Standard" }).code).toBe("ValidationException");
  });

  test("AllowedPattern is matched against the whole value; risky patterns are the sandbox's refusal", () => {
    const s = sandbox();
    expect(s.fail("PutParameter", { Name: "/port", Value: "80a", Type: "String", AllowedPattern: "\\d{1,4}" })).toEqual({
      code: "ParameterPatternMismatchException",
      message: "Parameter value, cannot be validated against allowedPattern: \\d{1,4}",
    });
    s.call("PutParameter", { Name: "/port", Value: "8080", Type: "String", AllowedPattern: "\\d{1,4}" });
    // The pattern stays with the parameter.
    expect(s.fail("PutParameter", { Name: "/port", Value: "65536", Overwrite: true }).code).toBe("ParameterPatternMismatchException");
    expect(s.fail("PutParameter", { Name: "/bad", Value: "x", Type: "String", AllowedPattern: "(" }).code).toBe("InvalidAllowedPatternException");
    for (const risky of ["(a+)+$", "(a|ab)*c", "(\\w+\\s?)*", "(.)\\1", ".*.*.*x"]) {
      const refused = s.fail("PutParameter", { Name: "/bad", Value: "x", Type: "String", AllowedPattern: risky });
      expect(refused.message, risky).toContain("This is a limit of the sandbox");
    }
    for (const fine of ["^[a-z0-9-]+$", "[A-Z]{2}\\d{3}", "(prod|dev)-[a-z]+", "^a.*$"]) {
      expect(s.fail("PutParameter", { Name: "/fine", Value: "!!", Type: "String", AllowedPattern: fine }).code, fine).toBe("ParameterPatternMismatchException");
    }
  });
});

describe("names and policies longer than the model allows (found by the services fuzz)", () => {
  test("a name over 2,048 characters is a validation error, not ParameterNotFound; Policies over 4,096 too", () => {
    const s = sandbox();
    const name = `/${"n".repeat(2048)}`;
    const tooLong = {
      code: "ValidationException",
      message: `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048`,
    };
    for (const operation of ["GetParameter", "GetParameterHistory", "DeleteParameter"]) expect(s.fail(operation, { Name: name })).toEqual(tooLong);
    expect(s.fail("LabelParameterVersion", { Name: name, Labels: ["x"] })).toEqual(tooLong);
    expect(s.fail("PutParameter", { Name: "/p", Value: "v", Type: "String", Policies: "p".repeat(4097) }).message).toContain(
      "at 'policies' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
  });
});

describe("SecureString and WithDecryption", () => {
  test("without WithDecryption the value is ciphertext-shaped base64; with it, the plain value", () => {
    const s = sandbox();
    s.call("PutParameter", { Name: "/orders/db-password", Value: "P@ssw0rd!", Type: "SecureString" });
    const hidden = s.call("GetParameter", { Name: "/orders/db-password" }).Parameter.Value;
    expect(hidden).toMatch(/^AQICAH[A-Za-z0-9+/]+=*$/);
    expect(hidden).not.toContain("P@ssw0rd");
    expect(atob(hidden).length).toBe(5 + 32 + 24 + "P@ssw0rd!".length + 16);
    // Reproducible: the same parameter answers the same ciphertext.
    expect(s.call("GetParameter", { Name: "/orders/db-password", WithDecryption: false }).Parameter.Value).toBe(hidden);
    expect(s.call("GetParameter", { Name: "/orders/db-password", WithDecryption: true }).Parameter.Value).toBe("P@ssw0rd!");
    s.call("PutParameter", { Name: "/orders/flag", Value: "on", Type: "String" });
    expect(s.call("GetParameter", { Name: "/orders/flag" }).Parameter.Value).toBe("on");
    const both = s.call("GetParameters", { Names: ["/orders/db-password", "/orders/flag"] }).Parameters.map((p: { Value: string }) => p.Value);
    expect(both).toEqual([hidden, "on"]);
    const byPath = s.call("GetParametersByPath", { Path: "/orders", WithDecryption: true }).Parameters.map((p: { Value: string }) => p.Value);
    expect(byPath).toEqual(["P@ssw0rd!", "on"]);
    // A new version is encrypted anew; the key is alias/aws/ssm unless another was named.
    s.call("PutParameter", { Name: "/orders/db-password", Value: "P@ssw0rd!", Overwrite: true, KeyId: "alias/orders" });
    expect(s.call("GetParameter", { Name: "/orders/db-password" }).Parameter.Value).not.toBe(hidden);
    const history = s.call("GetParameterHistory", { Name: "/orders/db-password" }).Parameters;
    expect(history.map((h: { KeyId: string; Value: string }) => [h.KeyId, h.Value === "P@ssw0rd!"])).toEqual([
      ["alias/aws/ssm", false],
      ["alias/orders", false],
    ]);
    const plain = s.call("GetParameterHistory", { Name: "/orders/db-password", WithDecryption: true }).Parameters;
    expect(plain.map((h: { Value: string }) => h.Value)).toEqual(["P@ssw0rd!", "P@ssw0rd!"]);
  });
});

describe("selectors and labels", () => {
  test("name:version and name:label, the Selector member, and the refusals", () => {
    const s = sandbox();
    for (const value of ["v1", "v2", "v3"]) s.call("PutParameter", { Name: "/app/mode", Value: value, Type: "String", Overwrite: true });
    expect(s.call("GetParameter", { Name: "/app/mode:1" }).Parameter).toMatchObject({ Name: "/app/mode", Value: "v1", Version: 1, Selector: ":1" });
    expect(s.fail("GetParameter", { Name: "/app/mode:9" })).toEqual({
      code: "ParameterVersionNotFound",
      message: "Systems Manager could not find version 9 of /app/mode. Verify the version and try again.",
    });
    expect(s.call("LabelParameterVersion", { Name: "/app/mode", ParameterVersion: 2, Labels: ["prod", "1bad", "awsx", "ok.label"] })).toEqual({
      InvalidLabels: ["1bad", "awsx"],
      ParameterVersion: 2,
    });
    expect(s.call("GetParameter", { Name: "/app/mode:prod" }).Parameter).toMatchObject({ Value: "v2", Version: 2, Selector: ":prod" });
    expect(s.fail("GetParameter", { Name: "/app/mode:staging" })).toEqual(NOT_FOUND);
    // Moving a label takes it off the other version.
    s.call("LabelParameterVersion", { Name: "/app/mode", Labels: ["prod"] });
    expect(s.call("GetParameter", { Name: "/app/mode:prod" }).Parameter.Version).toBe(3);
    expect(s.call("GetParameterHistory", { Name: "/app/mode" }).Parameters.map((p: { Labels: string[] }) => p.Labels)).toEqual([[], ["ok.label"], ["prod"]]);
    const ten = Array.from({ length: 10 }, (_, i) => `l${i}`);
    expect(s.fail("LabelParameterVersion", { Name: "/app/mode", Labels: ten }).code).toBe("ParameterVersionLabelLimitExceeded");
    expect(s.fail("LabelParameterVersion", { Name: "/app/none", Labels: ["x"] })).toEqual(NOT_FOUND);
  });

  test("100 versions are kept; the oldest goes unless it has a label", () => {
    const s = sandbox();
    for (let i = 1; i <= 100; i++) s.call("PutParameter", { Name: "/busy", Value: `v${i}`, Type: "String", Overwrite: true });
    expect(s.call("PutParameter", { Name: "/busy", Value: "v101", Overwrite: true }).Version).toBe(101);
    expect(s.fail("GetParameter", { Name: "/busy:1" }).code).toBe("ParameterVersionNotFound");
    s.call("LabelParameterVersion", { Name: "/busy", ParameterVersion: 2, Labels: ["keep"] });
    expect(s.fail("PutParameter", { Name: "/busy", Value: "v102", Overwrite: true })).toEqual({
      code: "ParameterMaxVersionLimitExceeded",
      message:
        "You attempted to create a new version of /busy by calling the PutParameter API with the overwrite flag. Version 2, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.",
    });
  });
});

describe("lists: GetParameters, GetParametersByPath, DescribeParameters, history; deletion", () => {
  function tree() {
    const s = sandbox();
    for (const name of ["/orders/db/host", "/orders/db/port", "/orders/flag", "/web/flag", "top"]) {
      s.call("PutParameter", { Name: name, Value: `v-${name}`, Type: name.endsWith("port") ? "SecureString" : "String", Tags: [{ Key: "team", Value: name.split("/")[1] || "none" }] });
    }
    return s;
  }
  const names = (out: { Parameters: { Name: string }[] }) => out.Parameters.map((p) => p.Name);

  test("GetParameters answers what exists and lists the rest as InvalidParameters", () => {
    const s = tree();
    expect(s.call("GetParameters", { Names: ["/orders/flag", "/nope", "/orders/flag:7", "bad name"] })).toMatchObject({
      Parameters: [{ Name: "/orders/flag" }],
      InvalidParameters: ["/nope", "/orders/flag:7", "bad name"],
    });
    expect(s.fail("GetParameters", { Names: Array.from({ length: 11 }, (_, i) => `/p${i}`) }).code).toBe("ValidationException");
  });

  test("GetParametersByPath: one level or recursive, filters, pages of at most 10, AWS's path rules", () => {
    const s = tree();
    expect(names(s.call("GetParametersByPath", { Path: "/orders" }))).toEqual(["/orders/flag"]);
    expect(names(s.call("GetParametersByPath", { Path: "/orders/", Recursive: true }))).toEqual(["/orders/db/host", "/orders/db/port", "/orders/flag"]);
    expect(names(s.call("GetParametersByPath", { Path: "/" }))).toEqual(["top"]);
    expect(names(s.call("GetParametersByPath", { Path: "/", Recursive: true }))).toHaveLength(5);
    expect(
      names(s.call("GetParametersByPath", { Path: "/orders", Recursive: true, ParameterFilters: [{ Key: "Type", Values: ["SecureString"] }] })),
    ).toEqual(["/orders/db/port"]);
    const first = s.call("GetParametersByPath", { Path: "/", Recursive: true, MaxResults: 2 });
    expect(names(first)).toEqual(["/orders/db/host", "/orders/db/port"]);
    const second = s.call("GetParametersByPath", { Path: "/", Recursive: true, MaxResults: 2, NextToken: first.NextToken });
    expect(names(second)).toEqual(["/orders/flag", "top"]);
    expect(s.fail("GetParametersByPath", { Path: "/", MaxResults: 11 }).code).toBe("ValidationException");
    expect(s.fail("GetParametersByPath", { Path: "orders" }).message).toBe(
      'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.',
    );
    expect(s.fail("GetParametersByPath", { Path: "/orders", ParameterFilters: [{ Key: "Name", Values: ["x"] }] })).toEqual({
      code: "InvalidFilterKey",
      message: "The following filter key is not valid: Name. Valid filter keys include: [Type, KeyId].",
    });
    expect(s.fail("GetParametersByPath", { Path: "/", NextToken: "nope" })).toEqual({ code: "InvalidNextToken", message: "The specified token isn't valid." });
  });

  test("DescribeParameters: Name, Path, Type, Tier, tag filters, the legacy Filters, metadata and pages", () => {
    const s = tree();
    expect(names(s.call("DescribeParameters"))).toEqual(["/orders/db/host", "/orders/db/port", "/orders/flag", "top", "/web/flag"]);
    const f = (ParameterFilters: object[]) => names(s.call("DescribeParameters", { ParameterFilters }));
    expect(f([{ Key: "Name", Option: "BeginsWith", Values: ["/orders/db"] }])).toEqual(["/orders/db/host", "/orders/db/port"]);
    expect(f([{ Key: "Name", Option: "Contains", Values: ["flag"] }])).toEqual(["/orders/flag", "/web/flag"]);
    expect(f([{ Key: "Name", Values: ["top"] }])).toEqual(["top"]);
    expect(f([{ Key: "Path", Values: ["/orders"] }])).toEqual(["/orders/flag"]);
    expect(f([{ Key: "Path", Option: "Recursive", Values: ["/orders"] }, { Key: "Type", Values: ["String"] }])).toEqual(["/orders/db/host", "/orders/flag"]);
    expect(f([{ Key: "tag:team", Values: ["web"] }])).toEqual(["/web/flag"]);
    expect(f([{ Key: "Tier", Values: ["Standard"] }])).toHaveLength(5);
    expect(names(s.call("DescribeParameters", { Filters: [{ Key: "Name", Values: ["/web"] }] }))).toEqual(["/web/flag"]);
    expect(s.fail("DescribeParameters", { Filters: [{ Key: "Name", Values: ["/web"] }], ParameterFilters: [{ Key: "Type", Values: ["String"] }] })).toEqual({
      code: "ValidationException",
      message: "You can use either Filters or ParameterFilters in a single request.",
    });
    expect(s.fail("DescribeParameters", { ParameterFilters: [{ Key: "Label", Values: ["x"] }] }).code).toBe("InvalidFilterKey");
    expect(s.fail("DescribeParameters", { ParameterFilters: [{ Key: "Type", Values: ["Text"] }] }).code).toBe("InvalidFilterOption");
    expect(s.fail("DescribeParameters", { ParameterFilters: [{ Key: "Name", Option: "Matches", Values: ["x"] }] })).toEqual({
      code: "InvalidFilterOption",
      message: "The following filter option is not valid: Matches. Valid options include: [BeginsWith, Equals].",
    });
    const port = s.call("DescribeParameters", { ParameterFilters: [{ Key: "Name", Values: ["/orders/db/port"] }] }).Parameters[0];
    expect(port).toEqual({
      Name: "/orders/db/port",
      ARN: `${ARN_PREFIX}orders/db/port`,
      Type: "SecureString",
      KeyId: "alias/aws/ssm",
      LastModifiedDate: T0 / 1000,
      LastModifiedUser: `arn:aws:iam::${ACCOUNT}:root`,
      Version: 1,
      Tier: "Standard",
      Policies: [],
      DataType: "text",
    });
    const page = s.call("DescribeParameters", { MaxResults: 3 });
    expect(names(page)).toHaveLength(3);
    expect(names(s.call("DescribeParameters", { MaxResults: 3, NextToken: page.NextToken }))).toEqual(["top", "/web/flag"]);
  });

  test("history pages, and deletion: one, several, missing", () => {
    const s = tree();
    for (let i = 0; i < 4; i++) s.call("PutParameter", { Name: "/web/flag", Value: `x${i}`, Overwrite: true });
    const first = s.call("GetParameterHistory", { Name: "/web/flag", MaxResults: 3 });
    expect(first.Parameters.map((p: { Version: number }) => p.Version)).toEqual([1, 2, 3]);
    expect(first.Parameters[0]).toMatchObject({ Name: "/web/flag", Type: "String", Value: "v-/web/flag", Labels: [], Tier: "Standard", Policies: [] });
    const rest = s.call("GetParameterHistory", { Name: "/web/flag", MaxResults: 3, NextToken: first.NextToken });
    expect(rest.Parameters.map((p: { Version: number }) => p.Version)).toEqual([4, 5]);
    expect(s.fail("GetParameterHistory", { Name: "/nope" })).toEqual(NOT_FOUND);
    expect(s.call("DeleteParameter", { Name: "/web/flag" })).toEqual({});
    expect(s.fail("DeleteParameter", { Name: "/web/flag" })).toEqual(NOT_FOUND);
    expect(s.call("DeleteParameters", { Names: ["/orders/flag", "/nope", "top"] })).toEqual({
      DeletedParameters: ["/orders/flag", "top"],
      InvalidParameters: ["/nope"],
    });
    expect(names(s.call("DescribeParameters"))).toEqual(["/orders/db/host", "/orders/db/port"]);
  });

  test("the sandbox's storage bound refuses with its own message", () => {
    const s = sandbox();
    const value = "x".repeat(4000);
    const fits = Math.floor(SSM_SANDBOX_LIMITS.storedValueCharacters / value.length);
    for (let i = 0; i < fits; i++) s.call("PutParameter", { Name: "/blob", Value: value, Type: "String", Overwrite: true });
    expect(s.state().parameters["/blob"]).toBeUndefined();
    expect(s.state().parameters.blob.versions).toHaveLength(100);
    for (let i = 0; i < fits - 100; i++) s.call("PutParameter", { Name: `/p/${i}`, Value: value, Type: "String" });
    const refused = s.fail("PutParameter", { Name: "/p/last", Value: value, Type: "String" });
    expect(refused).toMatchObject({ code: "ParameterLimitExceeded" });
    expect(refused.message).toContain("This is a limit of the sandbox, not of AWS Systems Manager.");
  });
});

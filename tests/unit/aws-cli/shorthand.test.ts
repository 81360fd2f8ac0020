/**
 * The shorthand syntax against AWS CLI v2's own parser: fixtures/shorthand.json holds, for hand-picked and generated
 * inputs, what awscli.shorthand (2.9.19) parsed or the error it reported; then the conversion of parsed strings to the
 * model's types, as the CLI does after parsing.
 */
import { describe, expect, test } from "vitest";
import { loadService } from "@/lib/aws-cli/model";
import { PyFloat } from "@/lib/aws-cli/python-values";
import { applyShorthandTypes, parseShorthand, ShorthandError } from "@/lib/aws-cli/shorthand";
import samples from "./fixtures/shorthand.json";

function outcome(text: string): { parsed: unknown } | { error: string } {
  try {
    return { parsed: parseShorthand(text) };
  } catch (error) {
    if (error instanceof ShorthandError) return { error: error.message };
    throw error;
  }
}

describe("shorthand parsing matches AWS CLI v2", () => {
  test(`${samples.length} inputs parse to the same values or fail with the same message`, () => {
    for (const sample of samples) {
      const expected = "error" in sample ? { error: sample.error } : { parsed: sample.parsed };
      expect({ input: sample.input, ...outcome(sample.input) }).toEqual({ input: sample.input, ...expected });
    }
  });

  test("the caret points at the character the parser stopped at", () => {
    expect(outcome("awsvpcConfiguration={subnets=[a,b}")).toEqual({
      error: "Expected: ',', received: '}' for input:\nawsvpcConfiguration={subnets=[a,b}\n                                 ^",
    });
  });
});

describe("parsed strings take the model's types", () => {
  test("integers, booleans and nested lists of a create-service network and deployment configuration", async () => {
    const ecs = await loadService("ecs");
    const input = ecs.shapes[ecs.operations.CreateService.input!];
    const shapeOf = (member: string) => ecs.shapes[input.members!.find(([m]) => m === member)![1].shape];
    expect(applyShorthandTypes(parseShorthand("awsvpcConfiguration={subnets=[a,b],assignPublicIp=ENABLED}"), shapeOf("networkConfiguration"), ecs)).toEqual({
      awsvpcConfiguration: { subnets: ["a", "b"], assignPublicIp: "ENABLED" },
    });
    expect(applyShorthandTypes(parseShorthand("maximumPercent=200,minimumHealthyPercent=50,deploymentCircuitBreaker={enable=true,rollback=False}"), shapeOf("deploymentConfiguration"), ecs)).toEqual({
      maximumPercent: 200,
      minimumHealthyPercent: 50,
      deploymentCircuitBreaker: { enable: true, rollback: false },
    });
    // A lone value where the model wants a list becomes a one-element list, unconverted (as in the CLI).
    expect(applyShorthandTypes(parseShorthand("awsvpcConfiguration={subnets=a}"), shapeOf("networkConfiguration"), ecs)).toEqual({ awsvpcConfiguration: { subnets: ["a"] } });
  });

  test("a bad integer fails like Python's int()", async () => {
    const ecs = await loadService("ecs");
    const input = ecs.shapes[ecs.operations.CreateService.input!];
    const deployment = ecs.shapes[input.members!.find(([m]) => m === "deploymentConfiguration")![1].shape];
    expect(() => applyShorthandTypes(parseShorthand("maximumPercent=lots"), deployment, ecs)).toThrow("invalid literal for int() with base 10: 'lots'");
  });

  test("a whole float stays a float (printed 1.0, refused for an integer)", async () => {
    const scaling = await loadService("application-autoscaling");
    const policy = scaling.shapes[scaling.operations.PutScalingPolicy.input!];
    const target = scaling.shapes[policy.members!.find(([m]) => m === "TargetTrackingScalingPolicyConfiguration")![1].shape];
    const value = applyShorthandTypes(parseShorthand("TargetValue=75"), target, scaling) as { TargetValue: unknown };
    expect(value.TargetValue).toEqual(new PyFloat(75));
  });
});

/**
 * `--generate-cli-skeleton`: botocore's ArgumentGenerator. `input` fills the input shape with empty values (the
 * first enum value for an enum string, 0, true, one list element, a `KeyName` map entry); `output` fills the output
 * shape with member names, the shape of what the call would answer.
 */
import type { ServiceModel, Shape } from "./model";
import { PyFloat } from "./python-values";

function generate(model: ServiceModel, shapeName: string, stack: string[], useMemberNames: boolean, name: string): unknown {
  const shape: Shape = model.shapes[shapeName];
  stack.push(shapeName);
  try {
    switch (shape.type) {
      case "structure": {
        const skeleton: Record<string, unknown> = {};
        if (stack.filter((s) => s === shapeName).length > 1) return skeleton;
        for (const [member, ref] of shape.members ?? []) skeleton[member] = generate(model, ref.shape, stack, useMemberNames, member);
        return skeleton;
      }
      case "list":
        return [generate(model, shape.member!.shape, stack, useMemberNames, useMemberNames ? shape.member!.shape : "")];
      case "map":
        return { KeyName: generate(model, shape.value!.shape, stack, useMemberNames, "") };
      case "string":
        if (useMemberNames) return name;
        return shape.enum ? shape.enum[0] : "";
      case "integer":
      case "long":
        return 0;
      case "float":
      case "double":
        return new PyFloat(0);
      case "boolean":
        return true;
      case "timestamp":
        return "1970-01-01T00:00:00";
      default:
        return undefined;
    }
  } finally {
    stack.pop();
  }
}

export function inputSkeleton(model: ServiceModel, inputShape: string | undefined): unknown {
  return inputShape ? generate(model, inputShape, [], false, "") : {};
}

export function outputSkeleton(model: ServiceModel, outputShape: string | undefined): Record<string, unknown> {
  return outputShape ? (generate(model, outputShape, [], true, "") as Record<string, unknown>) : {};
}

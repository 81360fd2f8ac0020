/**
 * AWS JSON 1.1's reading of a call (ECR, Logs, Secrets Manager, SSM): the input's JSON types checked against the
 * operation's model at every depth before any service sees it, as AWS's deserializer does. Found by the services fuzz
 * (tests/integration/services-robustness.test.ts): members a provider never reads (PutSecretValue's RotationToken,
 * PutLogEvents' entity, BatchGetImage's acceptedMediaTypes) took any value, and such a call changed the sandbox.
 */
import { describe, expect, test } from "vitest";
import { AWS_MODELS, type ModelledService } from "@/lib/aws-models";
import { EcsError } from "@/lib/sandbox/engine/errors";
import { jsonProtocol } from "@/lib/sandbox/gateway/protocols/json";

function read(service: ModelledService, operation: string, input: unknown) {
  const model = AWS_MODELS[service];
  return jsonProtocol.read({ headers: { "x-amz-target": `${model.metadata.targetPrefix}.${operation}` }, body: JSON.stringify(input) }, model);
}

function refusal(service: ModelledService, operation: string, input: unknown): string {
  try {
    read(service, operation, input);
  } catch (error) {
    if (error instanceof EcsError) return `${error.type}: ${error.message}`;
    throw error;
  }
  throw new Error("the call was read");
}

describe("AWS JSON 1.1: member types checked against the model before the service runs", () => {
  test("members the service never reads are refused all the same", () => {
    expect(refusal("secretsmanager", "PutSecretValue", { SecretId: "db", SecretString: "v", RotationToken: 1 })).toBe(
      "SerializationException: Cannot deserialize member 'RotationToken': expected a string, got an integer.",
    );
    expect(refusal("logs", "PutLogEvents", { logGroupName: "g", logStreamName: "s", logEvents: [], entity: "text" })).toBe(
      "SerializationException: Cannot deserialize member 'entity': expected an object, got a string.",
    );
    expect(refusal("ecr", "BatchGetImage", { repositoryName: "web", imageIds: [], acceptedMediaTypes: {} })).toBe(
      "SerializationException: Cannot deserialize member 'acceptedMediaTypes': expected an array, got an object.",
    );
  });

  test("at every depth: list elements, structure members, map values; paths named as the ECS engine names them", () => {
    expect(refusal("ecr", "CreateRepository", { repositoryName: "web", tags: [{ Key: "k", Value: 1 }] })).toBe(
      "SerializationException: Cannot deserialize member 'tags[0].Value': expected a string, got an integer.",
    );
    expect(refusal("ecr", "CreateRepository", { repositoryName: "web", encryptionConfiguration: { encryptionType: "KMS", kmsKey: [] } })).toBe(
      "SerializationException: Cannot deserialize member 'encryptionConfiguration.kmsKey': expected a string, got an array.",
    );
    expect(refusal("logs", "CreateLogGroup", { logGroupName: "g", tags: { team: 1.5 } })).toBe(
      "SerializationException: Cannot deserialize member 'tags.team': expected a string, got a float.",
    );
    expect(refusal("ssm", "GetParameters", { Names: ["/a", ["/b"]] })).toBe("SerializationException: Cannot deserialize member 'Names[1]': expected a string, got an array.");
  });

  test("integers must be whole, booleans booleans; timestamps may be epoch seconds or text", () => {
    expect(refusal("logs", "PutRetentionPolicy", { logGroupName: "g", retentionInDays: "7" })).toBe(
      "SerializationException: Cannot deserialize member 'retentionInDays': expected an integer, got a string.",
    );
    expect(refusal("secretsmanager", "DeleteSecret", { SecretId: "db", ForceDeleteWithoutRecovery: "true" })).toBe(
      "SerializationException: Cannot deserialize member 'ForceDeleteWithoutRecovery': expected a boolean, got a string.",
    );
    expect(read("logs", "GetLogEvents", { logGroupName: "g", logStreamName: "s", startTime: 1_767_225_600_000, limit: 10 }).operation).toBe("GetLogEvents");
  });

  test("what AWS lets through passes: valid input, null as absent, members the model does not name", () => {
    const input = { repositoryName: "web", imageTagMutability: null, tags: [{ Key: "k", Value: "v" }], notInTheModel: { any: [1] } };
    expect(read("ecr", "CreateRepository", input)).toEqual({ operation: "CreateRepository", input });
    // A body that is not an object is the provider's to refuse (asInput, the same SerializationException).
    expect(read("ecr", "DescribeRepositories", [1]).input).toEqual([1]);
  });
});

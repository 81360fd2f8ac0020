/**
 * One scenario, run through @aws-sdk/client-ecs against the embedded sandbox (the real app) and against moto_server:
 * the responses the SDK hands back must have the same shape — the same keys, the same types, the same enum values —
 * though never the same ids. Where they differ, KNOWN_DIFFERENCES says so and why, and the test holds both sides to
 * exactly that list, so a new difference (or a fixed one) shows up as a failure. The scenario also runs through the
 * app's `localstack` backend into moto, whose answers must reach the SDK with moto's shape unchanged.
 *
 * Only what moto models soundly is compared. moto faults kept out of the scenario, with what AWS does instead:
 * - RunTask in awsvpc mode (Fargate) answers HTTP 500 (`NetworkInterface` has no `private_dns_name`); AWS starts
 *   the task. Tasks are therefore compared on the EC2 launch type in bridge mode.
 * - RunTask on the EC2 launch type with no container instance answers HTTP 500; AWS answers InvalidParameterException
 *   "No Container Instances were found in your cluster.".
 * - RunTask of a container without container-level memory answers HTTP 500; AWS accepts task-level memory.
 * - moto never schedules, places or fails tasks: a service's runningCount is copied from desiredCount.
 */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ECSServiceException,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
} from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type AppServer } from "../support/app-server";
import { motoEc2Instance, motoEcs, startMoto, type MotoServer } from "../support/moto-server";
import { SiteClient } from "../support/site-client";
import { startEndpoint, type SandboxEndpoint } from "./support/endpoint";
import { shapeDifferences, type ShapeDifference } from "./support/shape";

const CLUSTER = "contract";
const MOTO_ACCOUNT = "000000000042";
const TASK_DEFINITION: RegisterTaskDefinitionCommandInput = {
  family: "web",
  networkMode: "bridge",
  requiresCompatibilities: ["EC2"],
  containerDefinitions: [
    {
      name: "web",
      image: "public.ecr.aws/nginx/nginx:1.27",
      cpu: 128,
      memory: 256,
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 8080 }],
    },
  ],
};

/** What each step remembers for the next ones (ARNs differ between the two sides). */
interface Context {
  instanceId: string;
  taskArn?: string;
  containerInstanceArn?: string;
}

interface Step {
  name: string;
  send: (ecs: ECSClient, context: Context) => Promise<object>;
}

const cluster = CLUSTER;
const containerInstance = (context: Context) => context.containerInstanceArn ?? "none";
const task = (context: Context) => context.taskArn ?? "none";

const STEPS: Step[] = [
  { name: "CreateCluster", send: (ecs) => ecs.send(new CreateClusterCommand({ clusterName: cluster })) },
  { name: "DescribeClusters (one missing)", send: (ecs) => ecs.send(new DescribeClustersCommand({ clusters: [cluster, "missing"] })) },
  { name: "ListClusters", send: (ecs) => ecs.send(new ListClustersCommand({})) },
  { name: "RegisterTaskDefinition", send: (ecs) => ecs.send(new RegisterTaskDefinitionCommand(TASK_DEFINITION)) },
  { name: "RegisterTaskDefinition (revision 2)", send: (ecs) => ecs.send(new RegisterTaskDefinitionCommand(TASK_DEFINITION)) },
  { name: "DescribeTaskDefinition", send: (ecs) => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "web:1" })) },
  { name: "ListTaskDefinitions", send: (ecs) => ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "web" })) },
  { name: "DescribeTaskDefinition (unknown)", send: (ecs) => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope" })) },
  {
    name: "RegisterContainerInstance",
    async send(ecs, context) {
      const instanceIdentityDocument = JSON.stringify({ instanceId: context.instanceId, instanceType: "t3.medium" });
      const output = await ecs.send(new RegisterContainerInstanceCommand({ cluster, instanceIdentityDocument }));
      context.containerInstanceArn = output.containerInstance?.containerInstanceArn;
      return output;
    },
  },
  {
    name: "ListContainerInstances",
    send: (ecs) => ecs.send(new ListContainerInstancesCommand({ cluster })),
  },
  {
    name: "DescribeContainerInstances",
    send: (ecs, context) => ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [containerInstance(context)] })),
  },
  {
    name: "RunTask (EC2, bridge)",
    async send(ecs, context) {
      const output = await ecs.send(new RunTaskCommand({ cluster, taskDefinition: "web:1", launchType: "EC2" }));
      context.taskArn = output.tasks?.[0]?.taskArn;
      return output;
    },
  },
  { name: "ListTasks", send: (ecs) => ecs.send(new ListTasksCommand({ cluster })) },
  {
    name: "DescribeTasks",
    send: (ecs, context) => ecs.send(new DescribeTasksCommand({ cluster, tasks: [task(context)] })),
  },
  {
    name: "StopTask",
    send: (ecs, context) => ecs.send(new StopTaskCommand({ cluster, task: task(context), reason: "contract test" })),
  },
  {
    name: "RunTask (unknown cluster)",
    send: (ecs) => ecs.send(new RunTaskCommand({ cluster: "missing", taskDefinition: "web:1", launchType: "EC2" })),
  },
  {
    name: "CreateService",
    send: (ecs) =>
      ecs.send(new CreateServiceCommand({ cluster, serviceName: "api", taskDefinition: "web:1", desiredCount: 1, launchType: "EC2" })),
  },
  {
    name: "DescribeServices",
    send: (ecs) => ecs.send(new DescribeServicesCommand({ cluster, services: ["api", "missing"] })),
  },
  {
    name: "UpdateService (new revision)",
    send: (ecs) => ecs.send(new UpdateServiceCommand({ cluster, service: "api", taskDefinition: "web:2" })),
  },
  { name: "ListServices", send: (ecs) => ecs.send(new ListServicesCommand({ cluster })) },
  {
    name: "DeleteService (force)",
    send: (ecs) => ecs.send(new DeleteServiceCommand({ cluster, service: "api", force: true })),
  },
];

/**
 * Every difference the two sides are known to have, by step. `embedded-only`: a key AWS sends that moto leaves out
 * unless said otherwise; `moto-only`: a key moto sends that the embedded sandbox does not.
 */
const CLUSTER_DIFFERENCES = (at: string): ShapeDifference[] => [
  // AWS sends these (empty) lists on every cluster; moto leaves them out.
  { path: `${at}.capacityProviders`, embedded: "array", moto: "(absent)" },
  { path: `${at}.defaultCapacityProviderStrategy`, embedded: "array", moto: "(absent)" },
  { path: `${at}.statistics`, embedded: "array", moto: "(absent)" },
  { path: `${at}.tags`, embedded: "array", moto: "(absent)" },
];
const TASK_DEFINITION_DIFFERENCES: ShapeDifference[] = [
  // Since Managed Instances (2025) AWS lists MANAGED_INSTANCES for an EC2-compatible definition; moto predates it.
  { path: "taskDefinition.compatibilities[]", embedded: '"EC2" | "MANAGED_INSTANCES"', moto: '"EC2"' },
  // AWS fills in the default protocol; moto echoes the request.
  { path: "taskDefinition.containerDefinitions[].portMappings[].protocol", embedded: '"tcp"', moto: "(absent)" },
  // Members AWS sends that moto does not model.
  { path: "taskDefinition.enableFaultInjection", embedded: "boolean", moto: "(absent)" },
  { path: "taskDefinition.registeredAt", embedded: "timestamp", moto: "(absent)" },
  { path: "taskDefinition.registeredBy", embedded: "string", moto: "(absent)" },
  { path: "taskDefinition.requiresAttributes", embedded: "array", moto: "(absent)" },
];
const REGISTER_DIFFERENCES: ShapeDifference[] = [
  // RegisterTaskDefinition's response has its own `tags` member next to the definition; moto leaves it out.
  { path: "tags", embedded: "array", moto: "(absent)" },
  ...TASK_DEFINITION_DIFFERENCES,
];

/** A key AWS sends and moto leaves out. */
const motoOmits = (path: string, embedded: string): ShapeDifference => ({ path, embedded, moto: "(absent)" });
/** A key moto sends that AWS does not (in this situation). */
const motoAdds = (path: string, moto: string): ShapeDifference => ({ path, embedded: "(absent)", moto });

const CONTAINER_INSTANCE_DIFFERENCES = (at: string): ShapeDifference[] => [
  motoOmits(`${at}.attachments`, "array"),
  // AWS counts every change of a container instance in `version`; moto does not model it.
  motoOmits(`${at}.version`, "number"),
];

/**
 * A task as the two describe it. moto creates tasks straight in RUNNING with exit code 0 and a HEALTHY container,
 * with `startedBy` and `stoppedReason` always present; AWS starts an EC2 task in PENDING, gives a container without
 * a health check UNKNOWN and no exit code until it stops, and sends container cpu and memory as strings (the model's
 * `Container.cpu`/`memory` are String; moto sends numbers).
 */
const TASK_DIFFERENCES = (at: string, lastStatus: { embedded: string; moto: string }): ShapeDifference[] => [
  motoOmits(`${at}.attributes`, "array"),
  motoOmits(`${at}.availabilityZone`, "string"),
  { path: `${at}.containers[].cpu`, embedded: "string", moto: "number" },
  motoAdds(`${at}.containers[].exitCode`, "number"),
  { path: `${at}.containers[].healthStatus`, embedded: '"UNKNOWN"', moto: '"HEALTHY"' },
  { path: `${at}.containers[].memory`, embedded: "string", moto: "number" },
  motoOmits(`${at}.createdAt`, "timestamp"),
  motoOmits(`${at}.enableExecuteCommand`, "boolean"),
  motoOmits(`${at}.healthStatus`, '"UNKNOWN"'),
  { path: `${at}.lastStatus`, ...lastStatus },
  motoOmits(`${at}.overrides.containerOverrides`, "array"),
  motoOmits(`${at}.overrides.inferenceAcceleratorOverrides`, "array"),
  motoAdds(`${at}.startedBy`, "string"),
  motoAdds(`${at}.stoppedReason`, "string"),
  motoOmits(`${at}.version`, "number"),
];

/**
 * A service as the two describe it: moto leaves out most of what AWS sends (creation time and creator, deployment
 * configuration, placement, flags) and adds what AWS sends only when it applies: an empty networkConfiguration on a
 * bridge-mode service, a deployment's platformFamily outside Fargate, an empty taskSets list.
 */
const SERVICE_DIFFERENCES = (at: string, extra: ShapeDifference[] = []): ShapeDifference[] => [
  motoOmits(`${at}.availabilityZoneRebalancing`, "string"),
  motoOmits(`${at}.createdAt`, "timestamp"),
  motoOmits(`${at}.createdBy`, "string"),
  motoOmits(`${at}.deploymentConfiguration`, "object"),
  motoAdds(`${at}.deployments[].platformFamily`, "string"),
  motoOmits(`${at}.enableECSManagedTags`, "boolean"),
  motoOmits(`${at}.enableExecuteCommand`, "boolean"),
  motoOmits(`${at}.healthCheckGracePeriodSeconds`, "number"),
  motoAdds(`${at}.networkConfiguration`, "object"),
  motoOmits(`${at}.placementConstraints`, "array"),
  motoOmits(`${at}.placementStrategy`, "array"),
  motoAdds(`${at}.taskSets`, "array"),
  ...extra,
];
// moto writes no service events ("has started 1 tasks", ...): its events list stays empty.
const NO_EVENTS = (at: string) => motoOmits(`${at}.events[]`, "object");
// moto's UpdateService and DeleteService answers carry the service's (empty) tags; AWS's do not.
const TAGS_ECHOED = (at: string) => motoAdds(`${at}.tags`, "array");

const KNOWN_DIFFERENCES: Record<string, ShapeDifference[]> = {
  CreateCluster: CLUSTER_DIFFERENCES("cluster"),
  "DescribeClusters (one missing)": [
    ...CLUSTER_DIFFERENCES("clusters[]"),
    // moto always sends settings; AWS sends them only when DescribeClusters asks for include: ["SETTINGS"].
    motoAdds("clusters[].settings", "array"),
  ],
  RegisterTaskDefinition: REGISTER_DIFFERENCES,
  "RegisterTaskDefinition (revision 2)": REGISTER_DIFFERENCES,
  DescribeTaskDefinition: TASK_DEFINITION_DIFFERENCES,
  // moto keeps no tags on container instances.
  RegisterContainerInstance: [...CONTAINER_INSTANCE_DIFFERENCES("containerInstance"), motoOmits("containerInstance.tags", "array")],
  DescribeContainerInstances: CONTAINER_INSTANCE_DIFFERENCES("containerInstances[]"),
  "RunTask (EC2, bridge)": TASK_DIFFERENCES("tasks[]", { embedded: '"PENDING"', moto: '"RUNNING"' }),
  // moto moves a task one state on at every DescribeTasks, whatever the time; the sandbox's clock has not moved.
  DescribeTasks: TASK_DIFFERENCES("tasks[]", { embedded: '"PENDING"', moto: '"DEACTIVATING"' }),
  // AWS answers StopTask with the task still in its last status and stopCode UserInitiated; moto stops it at once.
  // (Both send the stoppedReason StopTask was given.)
  StopTask: [
    ...TASK_DIFFERENCES("task", { embedded: '"PENDING"', moto: '"STOPPED"' }).filter((d) => d.path !== "task.stoppedReason"),
    motoOmits("task.stopCode", '"UserInitiated"'),
    motoOmits("task.stoppingAt", "timestamp"),
  ],
  CreateService: SERVICE_DIFFERENCES("service"),
  DescribeServices: SERVICE_DIFFERENCES("services[]", [NO_EVENTS("services[]")]),
  "UpdateService (new revision)": SERVICE_DIFFERENCES("service", [
    NO_EVENTS("service"),
    TAGS_ECHOED("service"),
    // AWS starts a new PRIMARY deployment and keeps the old one ACTIVE until it drains; moto rewrites the one it has.
    { path: "service.deployments[].status", embedded: '"ACTIVE" | "PRIMARY"', moto: '"PRIMARY"' },
  ]),
  "DeleteService (force)": SERVICE_DIFFERENCES("service", [
    NO_EVENTS("service"),
    TAGS_ECHOED("service"),
    // AWS answers DeleteService with the service DRAINING; moto marks it INACTIVE at once.
    { path: "service.status", embedded: '"DRAINING"', moto: '"INACTIVE"' },
  ]),
};

type Outcome = { output: unknown } | { error: { name: string; message: string; status?: number } };

async function runScenario(ecs: ECSClient, instanceId: string): Promise<Map<string, Outcome>> {
  const context: Context = { instanceId };
  const outcomes = new Map<string, Outcome>();
  for (const step of STEPS) {
    try {
      const output: Record<string, unknown> = { ...(await step.send(ecs, context)) };
      delete output.$metadata; // request ids and attempts: transport, not shape
      outcomes.set(step.name, { output });
    } catch (error) {
      if (!(error instanceof ECSServiceException)) throw error;
      outcomes.set(step.name, { error: { name: error.name, message: error.message, status: error.$metadata.httpStatusCode } });
    }
  }
  return outcomes;
}

let moto: MotoServer;
let endpoint: SandboxEndpoint;
let forwarding: AppServer;
let embedded: Map<string, Outcome>;
let motoAnswers: Map<string, Outcome>;
let forwarded: Map<string, Outcome>;
let sandbox: ECSClient;

/** The learner's account, as the ARN of a cluster that does not exist names it. */
async function accountOf(ecs: ECSClient): Promise<string> {
  const { failures } = await ecs.send(new DescribeClustersCommand({ clusters: ["no-such-cluster"] }));
  return failures![0].arn!.split(":")[4];
}

beforeAll(async () => {
  [moto, endpoint] = await Promise.all([startMoto(), startEndpoint({ learners: ["learner"] })]);
  sandbox = new ECSClient({ endpoint: endpoint.url, region: "ap-northeast-1", credentials: endpoint.credentials(), maxAttempts: 1 });
  embedded = await runScenario(sandbox, "i-0123456789abcdef0");
  motoAnswers = await runScenario(motoEcs(moto.url, MOTO_ACCOUNT), await motoEc2Instance(moto.url, MOTO_ACCOUNT));
  // The same scenario once more through the app's localstack backend, into the learner's own account in moto.
  forwarding = await startApp({ env: { DOJO_SANDBOX_BACKEND: "localstack", DOJO_LOCALSTACK_ENDPOINT: moto.url } });
  const viaApp = await new SiteClient(forwarding.url).ecs();
  forwarded = await runScenario(viaApp, await motoEc2Instance(moto.url, await accountOf(viaApp)));
});

afterAll(async () => {
  await Promise.all([endpoint?.stop(), forwarding?.stop(), moto?.stop()]);
});

describe("the localstack backend hands moto's answers on unchanged", () => {
  test.each(STEPS.map((step) => step.name))("%s", (name) => {
    const direct = motoAnswers.get(name)!;
    const through = forwarded.get(name)!;
    if ("error" in direct || "error" in through) {
      expect(through).toEqual(direct);
      return;
    }
    expect(shapeDifferences(through.output, direct.output)).toEqual([]);
  });
});

describe("the same scenario on the embedded sandbox and on moto_server", () => {
  test.each(STEPS.map((step) => step.name))("%s", (name) => {
    const ours = embedded.get(name)!;
    const theirs = motoAnswers.get(name)!;
    if ("error" in ours || "error" in theirs) {
      // An error on one side must be the same error on the other: type, message and HTTP status.
      const summary = (outcome: Outcome) => ("error" in outcome ? outcome.error : "success");
      expect(summary(ours)).toEqual(summary(theirs));
      return;
    }
    const byPath = (a: ShapeDifference, b: ShapeDifference) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    expect(shapeDifferences(ours.output, theirs.output)).toEqual([...(KNOWN_DIFFERENCES[name] ?? [])].sort(byPath));
  });
});

/** The outcome of a call that may fail, HTTP status included. */
async function outcomeOf(send: Promise<object>): Promise<Outcome> {
  try {
    return { output: await send };
  } catch (error) {
    if (error instanceof ECSServiceException) {
      return { error: { name: error.name, message: error.message, status: error.$metadata.httpStatusCode } };
    }
    // A body the SDK cannot parse at all (an HTML error page) still carries the raw response.
    const raw = (error as { $response?: { statusCode?: number } }).$response;
    if (raw?.statusCode) return { error: { name: "(no AWS error)", message: "", status: raw.statusCode } };
    throw error;
  }
}

// The faults listed at the top, shown rather than only told: each test fails once moto fixes its fault, so the list
// above stays true. moto's crash pages are HTML, which the SDK cannot even parse as an AWS error.
describe("moto's known faults, kept out of the comparison", () => {
  const FARGATE_DEFINITION: RegisterTaskDefinitionCommandInput = {
    family: "fargate-web",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    cpu: "256",
    memory: "512",
    containerDefinitions: [{ name: "web", image: "public.ecr.aws/nginx/nginx:1.27", memory: 512 }],
  };
  const NETWORK = { awsvpcConfiguration: { subnets: ["subnet-0a1b2c3d"], securityGroups: ["sg-0a1b2c3d"] } };

  test("RunTask on the EC2 launch type in a cluster without instances: AWS's InvalidParameterException, moto's HTTP 500", async () => {
    const run = (ecs: ECSClient) =>
      outcomeOf(
        (async () => {
          await ecs.send(new CreateClusterCommand({ clusterName: "empty" }));
          return ecs.send(new RunTaskCommand({ cluster: "empty", taskDefinition: "web:1", launchType: "EC2" }));
        })(),
      );
    expect(await run(sandbox)).toEqual({
      error: { name: "InvalidParameterException", message: "No Container Instances were found in your cluster.", status: 400 },
    });
    expect(await run(motoEcs(moto.url, MOTO_ACCOUNT))).toEqual({ error: { name: "(no AWS error)", message: "", status: 500 } });
  });

  test("RunTask in awsvpc mode on Fargate: the sandbox starts the task, moto answers HTTP 500 or rejects the subnet", async () => {
    const run = (ecs: ECSClient) =>
      outcomeOf(
        (async () => {
          await ecs.send(new RegisterTaskDefinitionCommand(FARGATE_DEFINITION));
          return ecs.send(new RunTaskCommand({ cluster, taskDefinition: "fargate-web", launchType: "FARGATE", networkConfiguration: NETWORK }));
        })(),
      );
    const ours = await run(sandbox);
    expect("output" in ours && (ours.output as { tasks: Array<{ lastStatus: string }> }).tasks[0].lastStatus).toBe("PROVISIONING");
    // moto checks subnets against its own EC2 first; with a subnet it knows, it crashes (NetworkInterface has no
    // private_dns_name) — the crash is what the localstack backend test shows reaching the learner as ServerException.
    expect(await run(motoEcs(moto.url, MOTO_ACCOUNT))).toEqual({
      error: { name: "InvalidSubnetID.NotFound", message: "The subnet ID 'subnet-0a1b2c3d' does not exist", status: 400 },
    });
  });
});

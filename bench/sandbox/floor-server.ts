// The bench's floor: a bare node:http server that answers the sandbox bench's ECS calls with fixed, well-formed AWS
// JSON 1.1 answers — no SigV4 check, no engine, no store. It reads and parses each request as the product does, so
// the difference between the two is what the product adds on top of HTTP, the SDK client and JSON.
// Run as its own process (floor.ts starts it), like the product and moto_server: a client in the same process would
// share its event loop. Prints the port it listens on.
import http from "node:http";

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";
const arn = (resource: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:${resource}`;

type Input = Record<string, unknown>;

const task = (n: number) => ({
  taskArn: arn(`task/bench/${n.toString(16).padStart(32, "0")}`),
  clusterArn: arn("cluster/bench"),
  taskDefinitionArn: arn("task-definition/bench:1"),
  lastStatus: "PROVISIONING",
  desiredStatus: "RUNNING",
  launchType: "EC2",
  containers: [{ name: "app", lastStatus: "PENDING" }],
});
const service = (name: unknown) => ({
  serviceName: name,
  serviceArn: arn(`service/bench/${String(name)}`),
  clusterArn: arn("cluster/bench"),
  status: "ACTIVE",
  desiredCount: 1,
  runningCount: 0,
  pendingCount: 0,
  deployments: [],
  events: [],
});

let tasks = 0;
const ANSWERS: Record<string, (input: Input) => unknown> = {
  CreateCluster: (input) => ({ cluster: { clusterArn: arn(`cluster/${String(input.clusterName)}`), clusterName: input.clusterName, status: "ACTIVE" } }),
  RegisterContainerInstance: () => ({ containerInstance: { containerInstanceArn: arn("container-instance/bench/0"), status: "ACTIVE" } }),
  RegisterTaskDefinition: (input) => ({ taskDefinition: { taskDefinitionArn: arn(`task-definition/${String(input.family)}:1`), family: input.family, revision: 1, status: "ACTIVE" } }),
  RunTask: () => ({ tasks: [task(++tasks)], failures: [] }),
  DescribeTasks: (input) => ({ tasks: ((input.tasks as string[]) ?? []).map((_, i) => task(i)), failures: [] }),
  StopTask: () => ({ task: { ...task(tasks), desiredStatus: "STOPPED" } }),
  CreateService: (input) => ({ service: service(input.serviceName) }),
  UpdateService: (input) => ({ service: service(input.service) }),
  DeleteService: (input) => ({ service: { ...service(input.service), status: "DRAINING" } }),
  DescribeServices: (input) => ({ services: ((input.services as string[]) ?? []).map(service), failures: [] }),
};

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const operation = String(request.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
    const answer = Object.hasOwn(ANSWERS, operation) ? ANSWERS[operation] : undefined;
    const input = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Input;
    const status = answer ? 200 : 400;
    const body = JSON.stringify(answer ? answer(input) : { __type: "UnknownOperationException", message: operation });
    response.writeHead(status, { "Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": "00000000-0000-0000-0000-000000000000" }).end(body);
  });
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as { port: number }).port));

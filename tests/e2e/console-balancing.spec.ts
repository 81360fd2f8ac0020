import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { awsCli, requireAwsCli, type CliTarget } from "../integration/support/aws-cli";
import { cliTarget, dojoCall } from "./sandbox-access";
import { expectNoHorizontalOverflow, LAPTOP, PHONE, waitForLessonPage } from "./site-pages";

// The sandbox console's load balancers, scaling and charts (issue 14), built through the real /aws endpoint with the
// AWS CLI and the learner's own keys from the credentials panel: an ALB, a target group and a listener, a cpuburn
// service behind them, a target-tracking policy and the load generator. The console shows the targets turn healthy,
// the scaling activity with AWS's texts, and the charts with their text alternatives — at 390 px and 1440 px, in
// English and Japanese, with no axe violation.

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include("[data-testid=sandbox-console]").withTags(WCAG_AA).analyze();
  return violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

async function ok(target: CliTarget, service: string, args: string[]) {
  const result = await awsCli(service, args, target);
  expect(result.stderr, `aws ${service} ${args.join(" ")}`).toBe("");
  expect(result.code).toBe(0);
  return result.json;
}

/** The state the console shows: an ALB → web-tg → service web (two cpuburn tasks) in cluster shop, scaled on CPU at 50 %. */
async function buildSandbox(target: CliTarget) {
  // The sandbox's VPC as a learner finds it: its public subnets and the seeded security groups for an ALB and its tasks.
  const subnets = (await ok(target, "ec2", ["describe-subnets"])).Subnets as { SubnetId: string; VpcId: string; Tags?: { Key: string; Value: string }[] }[];
  const publicSubnets = subnets.filter((s) => s.Tags?.some((t) => t.Key === "Name" && t.Value.includes("-subnet-public")));
  const groups = (await ok(target, "ec2", ["describe-security-groups"])).SecurityGroups as { GroupId: string; GroupName: string }[];
  const groupId = (name: string) => groups.find((g) => g.GroupName === name)!.GroupId;
  const net = { publicSubnetIds: publicSubnets.map((s) => s.SubnetId), vpcId: publicSubnets[0].VpcId, securityGroupIds: { alb: groupId("sbx-alb"), app: groupId("sbx-app") } };
  expect(net.publicSubnetIds.length).toBeGreaterThanOrEqual(2);
  const lb = (await ok(target, "elbv2", ["create-load-balancer", "--name", "shop-alb", "--subnets", ...net.publicSubnetIds, "--security-groups", net.securityGroupIds.alb])).LoadBalancers[0];
  const group = (
    await ok(target, "elbv2", [
      "create-target-group", "--name", "web-tg", "--protocol", "HTTP", "--port", "80", "--vpc-id", net.vpcId, "--target-type", "ip",
      "--health-check-path", "/health", "--health-check-interval-seconds", "30", "--healthy-threshold-count", "2",
    ])
  ).TargetGroups[0];
  await ok(target, "elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", `Type=forward,TargetGroupArn=${group.TargetGroupArn}`]);
  await ok(target, "ecs", ["create-cluster", "--cluster-name", "shop"]);
  const definition = path.join(target.workDir, "web.json");
  await writeFile(
    definition,
    JSON.stringify({
      family: "web",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "256",
      memory: "512",
      containerDefinitions: [{ name: "web", image: "sbx/cpuburn:1", essential: true, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  await ok(target, "ecs", ["register-task-definition", "--cli-input-json", `file://${definition}`]);
  await ok(target, "ecs", [
    "create-service", "--cluster", "shop", "--service-name", "web", "--task-definition", "web", "--desired-count", "2", "--launch-type", "FARGATE",
    "--network-configuration", `awsvpcConfiguration={subnets=[${net.publicSubnetIds.join(",")}],securityGroups=[${net.securityGroupIds.app}],assignPublicIp=ENABLED}`,
    "--load-balancers", `targetGroupArn=${group.TargetGroupArn},containerName=web,containerPort=80`,
  ]);
  const keys = ["--service-namespace", "ecs", "--scalable-dimension", "ecs:service:DesiredCount", "--resource-id", "service/shop/web"];
  await ok(target, "application-autoscaling", ["register-scalable-target", ...keys, "--min-capacity", "2", "--max-capacity", "10"]);
  const policy = path.join(target.workDir, "cpu50.json");
  await writeFile(policy, JSON.stringify({ TargetValue: 50.0, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" }, ScaleOutCooldown: 300, ScaleInCooldown: 300 }));
  await ok(target, "application-autoscaling", ["put-scaling-policy", ...keys, "--policy-name", "cpu50", "--policy-type", "TargetTrackingScaling", "--target-tracking-scaling-policy-configuration", `file://${policy}`]);
}

/** Opens the console (and every chart's table), checks it at both widths: nothing off screen, no axe violation. */
async function checkScreens(page: Page, name: string) {
  const console_ = page.getByTestId("sandbox-console");
  for (const table of await console_.locator("details.chart-table").all()) {
    if (!(await table.getAttribute("open"))) await table.locator("summary").click();
  }
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    const where = `${name} at ${size.width}px`;
    await console_.getByTestId("requests-chart").scrollIntoViewIfNeeded();
    // Drawn at the chart's own width: the canvas fits its box.
    await expect(console_.getByTestId("requests-chart").locator(".chart-plot canvas").first()).toBeVisible();
    const fits = await console_.getByTestId("requests-chart").evaluate((figure) => {
      const plot = figure.querySelector(".chart-plot")!.getBoundingClientRect();
      return figure.querySelector(".chart-plot .uplot")!.getBoundingClientRect().width <= plot.width + 1;
    });
    expect(fits, `${where}: the chart fits its box`).toBe(true);
    await expectNoHorizontalOverflow(page, where);
    expect(await axeViolations(page), where).toEqual([]);
    // For a reviewer: test-results/console-balancing/<language>-<width>.png, the console alone, in a window tall
    // enough to hold it (the lesson's panes scroll on their own on a laptop).
    await page.setViewportSize({ width: size.width, height: 4200 });
    await console_.screenshot({ path: path.join(test.info().project.outputDir, "console-balancing", `${name}-${size.width}.png`) });
    await page.setViewportSize(size);
  }
}

test("the console shows targets turning healthy, the scaling activity and the traffic charts, in both languages", async ({ browser }) => {
  test.setTimeout(240_000);
  await requireAwsCli();
  const workDir = await mkdtemp(path.join(tmpdir(), "dojo-console-lb-"));
  const context = await browser.newContext({ viewport: LAPTOP });
  const page = await context.newPage();
  // Every script the page loads, to tell when uPlot arrives (its style rules name .u-cursor-pt).
  const scripts: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text().catch(() => ""));
  });
  const uPlotLoaded = async () => (await Promise.all(scripts)).some((text) => text.includes("u-cursor-pt"));
  try {
    await page.goto("/en/lessons/L302");
    await waitForLessonPage(page);
    await page.waitForLoadState("networkidle");
    expect(await uPlotLoaded(), "uPlot is not part of the lesson page's first load").toBe(false);
    const target = await cliTarget(page, workDir);
    await buildSandbox(target);

    const console_ = page.getByTestId("sandbox-console");
    await console_.locator("summary").first().click();
    const group = console_.locator('[data-target-group="web-tg"]');
    await expect(console_.locator('[data-load-balancer="shop-alb"]')).toContainText("Listener HTTP:80");
    await expect(console_.locator('[data-load-balancer="shop-alb"] [data-rule="default"]')).toContainText("Default rule: forward to web-tg");
    await expect(group).toContainText("Health check: HTTP /health every 30 s, success codes 200; healthy after 2 passes in a row");
    await expect(group).toContainText("Targets of service web.");

    // The tasks start (25 s) and are registered: their targets are in their first checks (every 30 s, two to pass),
    // then healthy — each linked to its task.
    await expect(group).toContainText("No registered targets.");
    const fastForward = console_.getByRole("button", { name: "Fast-forward 30 s" });
    await fastForward.click();
    await expect(group.locator("tbody tr")).toHaveCount(2);
    await expect(group.locator('tr[data-target-state="initial"]').first()).toContainText(/Elb\.(RegistrationInProgress Target registration is in progress|InitialHealthChecking Initial health checks in progress)/);
    await fastForward.click();
    await expect(group.locator('tr[data-target-state="healthy"]')).toHaveCount(2);
    await expect(group.locator('tr[data-target-state="healthy"]').first()).toContainText("healthy—");
    for (const row of await group.locator("tbody tr").all()) {
      const taskId = await row.getAttribute("data-task");
      expect(taskId).toMatch(/^[0-9a-f]{32}$/);
      await expect(row.getByRole("link", { name: taskId!.slice(0, 8) })).toHaveAttribute("href", `#task-${taskId}`);
      await expect(console_.locator(`#task-${taskId}`)).toHaveAttribute("data-task-status", "RUNNING");
    }

    // 20 requests a second over the two tasks: 80.5 % CPU against the policy's 50 %; AlarmHigh fires after 3 minutes.
    await dojoCall(target, "SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 20 });
    const fiveMinutes = console_.getByRole("button", { name: "Fast-forward 5 min" });
    await fiveMinutes.click();
    const scaling = console_.locator('[data-testid="console-scaling"][data-service="web"]');
    await expect(scaling).toContainText("Scalable target: minimum 2, maximum 10 tasks.");
    await expect(scaling).toContainText("TargetValue: 50, PredefinedMetricType: ECSServiceAverageCPUUtilization");
    const activity = scaling.getByTestId("scaling-activities").locator("li").first();
    await expect(activity).toContainText("Setting desired count to 4.");
    await expect(activity).toContainText(/Cause: monitor alarm TargetTracking-service\/shop\/web-AlarmHigh-[0-9a-f-]{36} in state ALARM triggered policy cpu50/);
    await expect(activity).toContainText("Status: Successful Successfully set desired count to 4. Change successfully fulfilled by ecs.");
    await fiveMinutes.click();
    await expect(console_.locator('.service-card[data-service="web"]').first()).toContainText("desired 4 · running 4");
    // With four tasks the CPU is 40.5 %: AlarmHigh is back to OK, with CloudWatch's reason.
    const high = scaling.getByTestId("scaling-alarms").locator("li", { hasText: "AlarmHigh" });
    await expect(high).toHaveAttribute("data-alarm-state", "OK");
    await expect(high).toContainText("was not greater than the threshold (50.0) (minimum 1 datapoint for ALARM -> OK transition).");

    // The charts: drawn once scrolled into view, with the same numbers in their summaries and tables.
    const requests = console_.getByTestId("requests-chart");
    await requests.scrollIntoViewIfNeeded();
    await expect(requests).toHaveAttribute("data-drawn", "true");
    await expect(requests.locator(".chart-plot canvas").first()).toBeVisible();
    expect(await uPlotLoaded()).toBe(true);
    await expect(requests.getByTestId("requests-chart-summary")).toContainText(/^In the minute to .+: web-tg 1,200 requests\.$/);
    // The table opens from the keyboard, and its box scrolls from the keyboard too.
    await requests.locator("details.chart-table summary").focus();
    await page.keyboard.press("Enter");
    await expect(requests.getByTestId("requests-chart-table")).toContainText("1,200");
    await page.keyboard.press("Tab");
    await expect(requests.locator(".table-scroll")).toBeFocused();
    const counts = scaling.getByTestId("scaling-chart-web");
    await counts.scrollIntoViewIfNeeded();
    await expect(counts).toHaveAttribute("data-drawn", "true");
    await expect(counts.getByTestId("scaling-chart-web-summary")).toContainText(/desired count 4, running count 4/);
    await counts.locator("details.chart-table summary").click();
    const table = counts.getByTestId("scaling-chart-web-table");
    await expect(table.locator("thead")).toContainText("Desired countRunning countCPUUtilization (%)");
    await expect(table).toContainText("80.5 %");
    await expect(table.locator("tbody tr").last().locator("td").nth(1)).toHaveText("4");
    await checkScreens(page, "en");

    // The same sandbox in Japanese.
    await page.goto("/ja/lessons/L302");
    await waitForLessonPage(page);
    await console_.locator("summary").first().click();
    await expect(console_.getByRole("heading", { name: "ロードバランサー" })).toBeVisible();
    await expect(console_.getByRole("heading", { name: "ターゲットグループ" })).toBeVisible();
    await expect(console_.locator('[data-load-balancer="shop-alb"] [data-rule="default"]')).toContainText("デフォルトルール: 転送先 web-tg");
    await expect(group).toContainText("ヘルスチェック: HTTP /health を 30 秒ごと（成功コード 200）");
    await expect(group.locator('tr[data-target-state="healthy"]').first()).toContainText("healthy（正常）");
    await expect(scaling).toContainText("サービスの自動スケーリング");
    await expect(scaling).toContainText("スケーラブルターゲット: タスクの最小数 2、最大数 10。");
    await expect(scaling.getByTestId("scaling-activities").locator("li").first()).toContainText("原因: monitor alarm");
    await requests.scrollIntoViewIfNeeded();
    await expect(requests.getByTestId("requests-chart-summary")).toContainText(/^.+ までの 1 分間: web-tg 1,200 件。$/);
    await expect(requests.locator("figcaption")).toHaveText("ターゲットグループごとのリクエスト数（RequestCount、1 分ごと）");
    await checkScreens(page, "ja");
  } finally {
    await context.close();
    await rm(workDir, { recursive: true, force: true });
  }
});

test("a LINEAR deployment's traffic moving from one target group to the other shows in the rule and the chart", async ({ browser }) => {
  test.setTimeout(180_000);
  await requireAwsCli();
  const workDir = await mkdtemp(path.join(tmpdir(), "dojo-console-linear-"));
  const context = await browser.newContext({ viewport: LAPTOP });
  const page = await context.newPage();
  try {
    await page.goto("/en/lessons/L302");
    await waitForLessonPage(page);
    const target = await cliTarget(page, workDir);
    const account = (await ok(target, "sts", ["get-caller-identity"])).Account as string;
    const subnets = (await ok(target, "ec2", ["describe-subnets"])).Subnets as { SubnetId: string; VpcId: string; Tags?: { Key: string; Value: string }[] }[];
    const publicSubnets = subnets.filter((s) => s.Tags?.some((t) => t.Key === "Name" && t.Value.includes("-subnet-public")));
    const groups = (await ok(target, "ec2", ["describe-security-groups"])).SecurityGroups as { GroupId: string; GroupName: string }[];
    const groupId = (name: string) => groups.find((g) => g.GroupName === name)!.GroupId;
    const lb = (await ok(target, "elbv2", ["create-load-balancer", "--name", "shop-alb", "--subnets", ...publicSubnets.map((s) => s.SubnetId), "--security-groups", groupId("sbx-alb")])).LoadBalancers[0];
    const group = async (name: string) =>
      (await ok(target, "elbv2", ["create-target-group", "--name", name, "--protocol", "HTTP", "--port", "80", "--vpc-id", publicSubnets[0].VpcId, "--target-type", "ip", "--health-check-interval-seconds", "10", "--healthy-threshold-count", "2"]))
        .TargetGroups[0].TargetGroupArn as string;
    const blue = await group("web-blue");
    const green = await group("web-green");
    const forward = JSON.stringify([{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: blue, Weight: 100 }, { TargetGroupArn: green, Weight: 0 }] } }]);
    const listener = (await ok(target, "elbv2", ["create-listener", "--load-balancer-arn", lb.LoadBalancerArn, "--protocol", "HTTP", "--port", "80", "--default-actions", forward])).Listeners[0].ListenerArn;
    const rule = (await ok(target, "elbv2", ["create-rule", "--listener-arn", listener, "--priority", "1", "--conditions", "Field=path-pattern,Values=/*", "--actions", forward])).Rules[0].RuleArn;
    await ok(target, "ecs", ["create-cluster", "--cluster-name", "shop"]);
    for (const image of ["sbx/web:1", "sbx/web:2"]) {
      const file = path.join(workDir, "web.json");
      await writeFile(file, JSON.stringify({ family: "web", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512", containerDefinitions: [{ name: "web", image, essential: true, portMappings: [{ containerPort: 80 }] }] }));
      await ok(target, "ecs", ["register-task-definition", "--cli-input-json", `file://${file}`]);
    }
    const service = path.join(workDir, "service.json");
    await writeFile(
      service,
      JSON.stringify({
        cluster: "shop",
        serviceName: "web",
        taskDefinition: "web:1",
        desiredCount: 2,
        launchType: "FARGATE",
        networkConfiguration: { awsvpcConfiguration: { subnets: publicSubnets.map((s) => s.SubnetId), securityGroups: [groupId("sbx-app")], assignPublicIp: "ENABLED" } },
        loadBalancers: [
          {
            targetGroupArn: blue,
            containerName: "web",
            containerPort: 80,
            advancedConfiguration: { alternateTargetGroupArn: green, productionListenerRule: rule, roleArn: `arn:aws:iam::${account}:role/ecsInfrastructureRoleForLoadBalancers` },
          },
        ],
        deploymentConfiguration: { strategy: "LINEAR", bakeTimeInMinutes: 0, linearConfiguration: { stepPercent: 25, stepBakeTimeInMinutes: 2 } },
      }),
    );
    await ok(target, "ecs", ["create-service", "--cli-input-json", `file://${service}`]);
    await dojoCall(target, "SetLoad", { cluster: "shop", service: "web", requestsPerSecond: 10 });
    await dojoCall(target, "AdvanceClock", { seconds: 180 });
    await ok(target, "ecs", ["update-service", "--cluster", "shop", "--service", "web", "--task-definition", "web:2"]);
    await dojoCall(target, "AdvanceClock", { seconds: 840 });

    const console_ = page.getByTestId("sandbox-console");
    await console_.locator("summary").first().click();
    await expect(console_.locator('[data-load-balancer="shop-alb"] [data-rule="1"]')).toContainText("Rule, priority 1 — when path-pattern: /*: forward to web-blue (weight 0), web-green (weight 100)");
    await expect(console_.locator('[data-target-group="web-green"]')).toContainText("Targets of service web.");
    const requests = console_.getByTestId("requests-chart");
    await requests.scrollIntoViewIfNeeded();
    await expect(requests).toHaveAttribute("data-drawn", "true");
    await expect(requests.getByTestId("requests-chart-summary")).toContainText(/: web-blue 0 requests, web-green 600 requests\.$/);
    await requests.locator("details.chart-table summary").click();
    // Row by row, minute by minute: all of the 600 requests on blue, then on both, then all on green.
    const rows = (await requests.getByTestId("requests-chart-table").locator("tbody tr").allInnerTexts()).map((row) => row.split("\t").slice(1).map((n) => Number(n.replace(/,/g, ""))));
    // The load started inside a minute of the sandbox clock: that first minute has part of it; every later one all 600.
    const loaded = rows.filter(([b, g]) => b + g > 0).slice(1);
    expect(loaded.map(([b, g]) => b + g), JSON.stringify(rows)).toEqual(loaded.map(() => 600));
    expect(loaded[0]).toEqual([600, 0]);
    expect(loaded.at(-1)).toEqual([0, 600]);
    expect(loaded.some(([b, g]) => b > 0 && g > 0)).toBe(true);
    await page.setViewportSize({ width: LAPTOP.width, height: 2400 });
    await requests.screenshot({ path: path.join(test.info().project.outputDir, "console-balancing", "linear-shift-en-1440.png") });
    expect(await axeViolations(page)).toEqual([]);
  } finally {
    await context.close();
    await rm(workDir, { recursive: true, force: true });
  }
});

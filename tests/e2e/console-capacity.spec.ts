import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { cliTarget, dojoCall } from "./sandbox-access";
import { expectNoHorizontalOverflow, LAPTOP, PHONE, waitForLessonPage } from "./site-pages";

// The sandbox console's capacity providers (L702's set-up, made with DojoSandbox.ApplyScenario and the learner's own
// keys): the provider in the cluster's default strategy with its managed scaling, the Auto Scaling group growing from
// zero while the service's tasks wait, its instances registering — in Japanese and English, at 390 and 1440 px, with
// no axe violation.

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const SCENARIO = {
  clusters: [{ name: "grow", capacityProviders: ["grow-cp"], defaultCapacityProviderStrategy: [{ capacityProvider: "grow-cp", weight: 1 }] }],
  autoScalingGroups: [{ name: "grow-asg", instanceType: "t3.medium", min: 0, max: 5, desired: 0, cluster: "grow" }],
  capacityProviders: [{ name: "grow-cp", autoScalingGroup: "grow-asg", managedScaling: { status: "ENABLED", targetCapacity: 100 }, managedTerminationProtection: "ENABLED" }],
  taskDefinitions: [{ family: "api", containerDefinitions: [{ name: "api", image: "ecs-dojo/web:1", cpu: 256, memory: 512 }] }],
  services: [{ cluster: "grow", serviceName: "api", taskDefinition: "api", desiredCount: 10 }],
};

async function checkScreens(page: Page, name: string) {
  const capacity = page.getByTestId("console-capacity");
  for (const size of [LAPTOP, PHONE]) {
    await page.setViewportSize(size);
    await capacity.scrollIntoViewIfNeeded();
    await expectNoHorizontalOverflow(page, `${name} at ${size.width}px`);
    const { violations } = await new AxeBuilder({ page }).include("[data-testid=console-capacity]").withTags(WCAG_AA).analyze();
    expect(violations.map((v) => `${v.id}: ${v.help}`), `${name} at ${size.width}px`).toEqual([]);
    await capacity.screenshot({ path: path.join(test.info().project.outputDir, "console-capacity", `${name}-${size.width}.png`) });
  }
}

for (const [locale, text] of [
  ["ja", { heading: "このクラスターのキャパシティープロバイダー", scaling: "マネージドスケーリング ENABLED: targetCapacity（目標使用率）100 %", group: "Auto Scaling グループ grow-asg: 最小 0、希望 2、最大 5", registered: "クラスターに登録済み", protection: "スケールインから保護", fiveMinutes: "5 分早送り" }],
  ["en", { heading: "Capacity providers of this cluster", scaling: "Managed scaling ENABLED: target capacity 100 %", group: "Auto Scaling group grow-asg: minimum 0, desired 2, maximum 5", registered: "registered in the cluster", protection: "protected from scale-in", fiveMinutes: "Fast-forward 5 min" }],
] as const) {
  test(`the console shows capacity providers and their Auto Scaling group growing (${locale})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ viewport: LAPTOP });
    const page = await context.newPage();
    try {
      await page.goto(`/${locale}/lessons/L302`);
      await waitForLessonPage(page);
      const target = await cliTarget(page, "/tmp");
      await dojoCall(target, "ApplyScenario", { scenario: SCENARIO });
      const console_ = page.getByTestId("sandbox-console");
      await console_.locator("summary").first().click();
      const select = console_.locator("select");
      if (await select.count()) await select.selectOption("grow");
      const provider = console_.locator('[data-provider="grow-cp"]');
      await expect(console_.getByTestId("console-capacity")).toContainText(text.heading);
      await expect(provider).toContainText(text.scaling);
      await console_.getByRole("button", { name: text.fiveMinutes }).click();
      // Ten 256-unit tasks need two t3.medium instances; their agents register, the tasks are placed and run.
      await expect(provider.getByTestId("capacity-group")).toContainText(text.group);
      await expect(provider.locator(".capacity-instances li")).toHaveCount(2);
      await expect(provider.locator(".capacity-instances li", { hasText: text.registered })).toHaveCount(2);
      // Managed termination protection: instances running tasks are protected from scale-in.
      await expect(provider.locator(".capacity-instances li", { hasText: text.protection })).toHaveCount(2);
      await expect(provider.locator(".activities li").first()).toContainText(/Launching a new EC2 instance: i-[0-9a-f]{17}/);
      await checkScreens(page, locale);
    } finally {
      await context.close();
    }
  });
}

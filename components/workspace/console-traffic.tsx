"use client";

import type { Locale } from "@/lib/i18n/locales";
import { consoleUiText } from "@/lib/i18n/console-ui";
import { formatSimTime } from "@/lib/i18n/sandbox-ui";
import type { ActionView, LoadBalancerView, RequestChart, TargetGroupView, TrafficView } from "@/lib/sandbox/console-traffic";
import { useToday } from "./sandbox-events";
import { TimeChart } from "./time-chart";

/** The console's load balancers: listeners and rules, target groups with each target's health, and requests per minute. */
export function TrafficSection({ locale, traffic }: { locale: Locale; traffic: TrafficView | null }) {
  const c = consoleUiText(locale);
  return (
    <section className="console-traffic" aria-labelledby="console-lb-heading" data-testid="console-traffic">
      <h4 id="console-lb-heading">{c.trafficHeading}</h4>
      {!traffic && <p className="muted">{c.trafficUnavailable}</p>}
      {traffic && traffic.loadBalancers.length === 0 && <p className="muted">{c.noLoadBalancers}</p>}
      {traffic?.loadBalancers.map((lb) => (
        <LoadBalancerCard key={lb.name} locale={locale} lb={lb} />
      ))}
      {traffic && traffic.targetGroups.length > 0 && (
        <>
          <h4>{c.targetGroupsHeading}</h4>
          {traffic.targetGroups.map((group) => (
            <TargetGroupCard key={group.arn} locale={locale} group={group} />
          ))}
          <RequestsChart locale={locale} chart={traffic.requests} />
        </>
      )}
    </section>
  );
}

function LoadBalancerCard({ locale, lb }: { locale: Locale; lb: LoadBalancerView }) {
  const c = consoleUiText(locale);
  return (
    <section className="service-card" data-load-balancer={lb.name} aria-label={lb.name}>
      <p>
        <strong>{lb.name}</strong> <span className="muted">{c.loadBalancerLine(lb.type, lb.scheme, lb.state)}</span>
      </p>
      <p className="muted wrap-anywhere">
        <code>{lb.dnsName}</code>
      </p>
      {lb.listeners.map((listener) => (
        <div key={`${listener.protocol}:${listener.port}`}>
          <p>{c.listener(listener.protocol, listener.port)}</p>
          <ul>
            {listener.rules.map((rule) => (
              <li key={rule.priority} data-rule={rule.priority}>
                {c.rule(rule.priority)}
                {rule.conditions.length > 0 && (
                  <>
                    {" "}
                    — {c.when} <code>{rule.conditions.join("; ")}</code>
                  </>
                )}
                {": "}
                {rule.actions.map((action, i) => (
                  <ActionText key={i} locale={locale} action={action} />
                ))}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function ActionText({ locale, action }: { locale: Locale; action: ActionView }) {
  const c = consoleUiText(locale);
  if (action.forward) {
    return (
      <span>
        {c.forwardTo}{" "}
        {action.forward.map((to, i) => (
          <span key={to.targetGroup}>
            {i > 0 && ", "}
            <strong>{to.targetGroup}</strong>
            {to.weight !== undefined && <> ({c.weight(to.weight)})</>}
          </span>
        ))}
      </span>
    );
  }
  return (
    <span>
      <code>{action.type}</code> {action.detail}
    </span>
  );
}

function TargetGroupCard({ locale, group }: { locale: Locale; group: TargetGroupView }) {
  const c = consoleUiText(locale);
  const h = group.healthCheck;
  return (
    <section className="service-card" data-target-group={group.name} aria-label={group.name}>
      <p>
        <strong>{group.name}</strong>{" "}
        <span className="muted">
          {group.targetType} {group.protocol}:{group.port}
        </span>
      </p>
      <p className="muted">{c.healthCheck(h.protocol, h.path, h.intervalSeconds, h.healthyThreshold, h.unhealthyThreshold, h.matcher)}</p>
      <p className="muted">
        {group.loadBalancers.length ? c.usedBy(group.loadBalancers.join(", ")) : c.notInUse}
        {group.services.length > 0 && <> {c.ofService(group.services.join(", "))}</>}
      </p>
      {group.targets.length === 0 ? (
        <p className="muted">{c.noTargets}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={c.targetsLabel(group.name)}>
          <table className="targets">
            <thead>
              <tr>
                <th scope="col">{c.colTarget}</th>
                <th scope="col">{c.colZone}</th>
                <th scope="col">{c.colHealth}</th>
                <th scope="col">{c.colReason}</th>
                <th scope="col">{c.colTask}</th>
              </tr>
            </thead>
            <tbody>
              {group.targets.map((target) => (
                <tr key={`${target.id}:${target.port}`} data-target-state={target.state} data-task={target.taskId}>
                  <td>
                    <code>
                      {target.id}:{target.port}
                    </code>
                  </td>
                  <td>{target.availabilityZone ?? "—"}</td>
                  <td>
                    <strong className={`target-state target-${target.state}`}>{c.healthState(target.state)}</strong>
                  </td>
                  <td>
                    {target.reason ? (
                      <>
                        <code>{target.reason}</code> {target.description}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    {target.taskId ? (
                      <>
                        <a href={`#task-${target.taskId}`}>
                          <code>{target.taskId.slice(0, 8)}</code>
                        </a>
                        {target.service && <span className="muted"> ({target.service})</span>}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RequestsChart({ locale, chart }: { locale: Locale; chart: RequestChart }) {
  const c = consoleUiText(locale);
  const today = useToday();
  if (chart.series.length === 0) return <p className="muted">{c.noRequestsChart}</p>;
  if (chart.times.length === 0) return <p className="muted">{c.noMinuteYet}</p>;
  const last = chart.times.length - 1;
  const summary = c.requestsSummary(
    formatSimTime(chart.times[last], locale, today),
    chart.series.map((s) => c.requestsPart(s.targetGroup, (s.values[last] ?? 0).toLocaleString(locale))).join(locale === "ja" ? "、" : ", "),
  );
  return (
    <TimeChart
      locale={locale}
      title={c.requestsTitle}
      summary={summary}
      times={chart.times}
      series={chart.series.map((s) => ({ label: s.targetGroup, values: s.values, scale: "count" }))}
      testId="requests-chart"
    />
  );
}

"use client";

import type { Locale } from "@/lib/i18n/locales";
import { consoleUiText } from "@/lib/i18n/console-ui";
import { formatSimTime } from "@/lib/i18n/sandbox-ui";
import type { CapacityProviderView } from "@/lib/sandbox/console-capacity";
import { useToday } from "./sandbox-events";

/** The chosen cluster's capacity providers: strategy, managed scaling and the Auto Scaling group behind each. */
export function CapacitySection({ locale, providers }: { locale: Locale; providers: CapacityProviderView[] }) {
  const c = consoleUiText(locale);
  const today = useToday();
  if (providers.length === 0) return null;
  return (
    <section className="console-capacity" aria-labelledby="console-capacity-heading" data-testid="console-capacity">
      <h4 id="console-capacity-heading">{c.capacityHeading}</h4>
      <ul className="capacity-providers">
        {providers.map((p) => (
          <li key={p.name} data-provider={p.name}>
            <p>
              <strong>{p.name}</strong> <code>{p.type}</code>{" "}
              <span className="muted">{p.strategy ? c.inDefaultStrategy(p.strategy.weight, p.strategy.base) : c.notInDefaultStrategy}</span>
            </p>
            {p.managedScaling && (
              <p className="muted">
                {c.managedScaling(p.managedScaling.status, p.managedScaling.targetCapacity, p.managedScaling.minimumScalingStepSize, p.managedScaling.maximumScalingStepSize, p.managedScaling.instanceWarmupPeriod)}
                {p.managedTerminationProtection && <> · {c.terminationProtection(p.managedTerminationProtection)}</>}
              </p>
            )}
            {p.updateStatus && (
              <p className="muted wrap-anywhere">
                <code>{p.updateStatus}</code> {p.updateStatusReason}
              </p>
            )}
            {p.group && (
              <div className="capacity-group" data-testid="capacity-group">
                <p>
                  {c.groupLine(p.group.name, p.group.minSize, p.group.desiredCapacity, p.group.maxSize)}
                </p>
                {p.group.instances.length === 0 ? (
                  <p className="muted">{c.noInstances}</p>
                ) : (
                  <ul className="capacity-instances">
                    {p.group.instances.map((i) => (
                      <li key={i.id}>
                        <code>{i.id}</code> {i.instanceType} · {i.availabilityZone} · {i.registered ? c.registered : c.booting}
                        {i.protectedFromScaleIn && <> · {c.protectedFromScaleIn}</>}
                      </li>
                    ))}
                  </ul>
                )}
                {p.group.activities.length > 0 && (
                  <>
                    <p className="muted">{c.groupActivitiesHeading}</p>
                    <ol className="activities">
                      {p.group.activities.map((a, n) => (
                        <li key={n}>
                          <time dateTime={new Date(a.at).toISOString()}>{formatSimTime(a.at, locale, today)}</time> <span className="wrap-anywhere">{a.description}</span>
                        </li>
                      ))}
                    </ol>
                  </>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

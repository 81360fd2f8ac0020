import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { FARGATE_SIZES } from "@/lib/validator/fargate/sizes";
import { ScrollRegion } from "../scroll-region";

/** Every valid Fargate cpu/memory pair, from the same table the validator checks against. */
export function FargateSizeTable({ locale }: { locale: Locale }) {
  const t = uiText(locale);
  return (
    <ScrollRegion className="table-scroll" label={t.fargateTableCaption}>
      <table className="fargate-sizes">
        <caption>{t.fargateTableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.fargateCpu}</th>
            <th scope="col">vCPU</th>
            <th scope="col">{t.fargateMemory}</th>
          </tr>
        </thead>
        <tbody>
          {FARGATE_SIZES.map((row) => (
            <tr key={row.cpu}>
              <th scope="row">
                <code>{row.cpu}</code>
              </th>
              <td>{row.cpu / 1024}</td>
              <td>
                {describeMemory(row.memory, t.fargateStep)}
                {row.cpu >= 8192 && <small> — {t.fargateNote}</small>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** "512, 1024, 2048" for short rows; "2048–8192 (in steps of 1024)" for the long stepped ones. */
function describeMemory(values: readonly number[], stepText: (step: number) => string): string {
  if (values.length <= 4) return values.join(", ");
  return `${values[0]}–${values[values.length - 1]} (${stepText(values[1] - values[0])})`;
}

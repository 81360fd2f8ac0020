import { getMDXComponent } from "mdx-bundler/client";
import type { ComponentProps } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { Callout } from "./mdx/callout";
import { FargateSizeTable } from "./mdx/fargate-size-table";

/** Renders a lesson's compiled MDX with the components lessons may use. */
export function LessonProse({ code, locale }: { code: string; locale: Locale }) {
  const Content = getMDXComponent(code);
  const components = {
    Callout: (props: Omit<ComponentProps<typeof Callout>, "locale">) => <Callout {...props} locale={locale} />,
    FargateSizeTable: () => <FargateSizeTable locale={locale} />,
  };
  return (
    <article className="prose">
      <Content components={components} />
    </article>
  );
}

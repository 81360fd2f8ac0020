import { getMDXComponent } from "mdx-bundler/client";
import { createElement, type ComponentProps, type ComponentType } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { uiText } from "@/lib/i18n/ui";
import { Callout } from "./mdx/callout";
import { FargateSizeTable } from "./mdx/fargate-size-table";
import { ScrollRegion } from "./scroll-region";

/** A picture with its caption; the SVG inside carries its own role="img" and aria-label. */
function Figure({ caption, children }: { caption?: string; children?: React.ReactNode }) {
  return (
    <figure className="figure">
      {children}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

type MdxContent = ComponentType<{ components: Record<string, ComponentType<never>> }>;

// Evaluating compiled MDX builds a component; do it once per compiled text, not on every render.
const evaluated = new Map<string, MdxContent>();

function contentFor(code: string): MdxContent {
  let content = evaluated.get(code);
  if (!content) {
    content = getMDXComponent(code) as MdxContent;
    evaluated.set(code, content);
  }
  return content;
}

/** Renders a lesson's compiled MDX with the components lessons may use. */
export function LessonProse({ code, locale }: { code: string; locale: Locale }) {
  const t = uiText(locale);
  const components = {
    Callout: (props: Omit<ComponentProps<typeof Callout>, "locale">) => <Callout {...props} locale={locale} />,
    FargateSizeTable: () => <FargateSizeTable locale={locale} />,
    Figure,
    // Code and tables wider than a phone scroll inside their own box, never the page.
    pre: ({ children }: { children?: React.ReactNode }) => (
      <ScrollRegion as="pre" label={t.codeBlockLabel}>
        {children}
      </ScrollRegion>
    ),
    table: (props: ComponentProps<"table">) => (
      <ScrollRegion className="table-scroll" label={t.tableLabel}>
        <table {...props} />
      </ScrollRegion>
    ),
  };
  return <article className="prose">{createElement(contentFor(code), { components })}</article>;
}

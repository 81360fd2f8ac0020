"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that scrolls sideways when its content is wider than the screen (code blocks, tables), so the page itself
 * never does. While it actually scrolls it is a named keyboard stop, so a keyboard user can scroll it with the arrow
 * keys (WCAG 2.1.1; axe's scrollable-region-focusable); while it fits, it adds no stop to the Tab order.
 */
export function ScrollRegion({ as = "div", label, className, children }: { as?: "div" | "pre"; label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const scrolls = useScrollsSideways(ref);
  const Tag = as;
  return (
    <Tag
      ref={ref as never}
      className={className}
      data-scrolls={scrolls || undefined}
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls ? "region" : undefined}
      aria-label={scrolls ? label : undefined}
    >
      {children}
    </Tag>
  );
}

/** Whether the element's content is wider than its box, kept up to date as the window or the content changes size. */
function useScrollsSideways(ref: React.RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}

"use client";

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

/** The element in the action bar where sandbox actions put their buttons (Run, Deploy); null before it is drawn. */
const ActionBarSlot = createContext<HTMLElement | null>(null);

/** Renders its children in the lesson's action bar when the page has one, else where they stand. */
export function InActionBar({ children }: { children: ReactNode }) {
  const slot = useContext(ActionBarSlot);
  return slot ? createPortal(children, slot) : children;
}

/**
 * The lesson's actions (Check, Run, Deploy), always on screen wherever the learner is in the lesson: fixed to the
 * bottom of the window on phones and tablets, where the exercise comes after the prose; on wide screens stuck to
 * the edge of the exercise panel, which scrolls on its own beside the prose (globals.css). Its height is published
 * as --action-bar-height so that scrolling to a result or a focused control keeps it clear of the bar.
 */
export function ActionBar({ label, before, children }: { label: string; before: ReactNode; children?: ReactNode }) {
  const bar = useRef<HTMLDivElement>(null);
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty("--action-bar-height", `${Math.ceil(element.getBoundingClientRect().height)}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--action-bar-height");
    };
  }, []);
  return (
    <ActionBarSlot.Provider value={slot}>
      <div ref={bar} className="action-bar" role="group" aria-label={label} data-testid="action-bar">
        {before}
        <span className="action-bar-slot" ref={setSlot} />
      </div>
      {children}
    </ActionBarSlot.Provider>
  );
}

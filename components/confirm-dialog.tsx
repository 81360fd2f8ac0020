"use client";

import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export interface ConfirmRequest {
  /** What the learner is about to do, as the dialog's heading ("Reset sandbox"). */
  title: string;
  /** What it changes and what stays. */
  message: string;
  /** The button that goes ahead; usually the action's own name. */
  confirmLabel: string;
  /** The button that goes back ("Cancel" / "キャンセル"). */
  cancelLabel: string;
}

interface Open extends ConfirmRequest {
  resolve(ok: boolean): void;
  /** Where focus was when the dialog opened: it goes back there when it closes. */
  opener: Element | null;
}

/**
 * An in-page confirmation instead of `window.confirm` (which the browser draws in its own language, outside the page's
 * styles, and which some browsers suppress): a modal `<dialog>` — the rest of the page is inert while it is open, so
 * Tab stays inside it — that opens on Cancel (the safe answer), closes on Esc as a cancel, and gives focus back to the
 * control that opened it. `confirm()` answers true only for the confirm button.
 */
export function useConfirm(): { confirm(request: ConfirmRequest): Promise<boolean>; dialog: ReactNode } {
  const [open, setOpen] = useState<Open | null>(null);
  const confirm = useCallback(
    (request: ConfirmRequest) => new Promise<boolean>((resolve) => setOpen({ ...request, resolve, opener: document.activeElement })),
    [],
  );
  const dialog = open ? (
    <ConfirmDialog
      key={open.title}
      request={open}
      onClose={(ok) => {
        setOpen(null);
        if (open.opener instanceof HTMLElement) open.opener.focus();
        open.resolve(ok);
      }}
    />
  ) : null;
  return { confirm, dialog };
}

/**
 * Tab and Shift+Tab go round the dialog's two buttons. A modal dialog already makes the page behind it inert, but
 * from its last button the browser would move focus out to its own toolbar; here it comes back to the first.
 */
function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button")];
  const first = buttons[0];
  const last = buttons[buttons.length - 1];
  if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  }
}

function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose(ok: boolean): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      data-testid="confirm-dialog"
      // Esc (the "cancel" event) and both buttons (a form with method="dialog") end here.
      onClose={(e) => onClose(e.currentTarget.returnValue === "confirm")}
      onKeyDown={trapTab}
    >
      <form method="dialog">
        <h2 id={titleId}>{request.title}</h2>
        <p id={messageId}>{request.message}</p>
        <div className="actions">
          <button type="submit" value="cancel" autoFocus data-testid="confirm-cancel">
            {request.cancelLabel}
          </button>
          <button type="submit" value="confirm" className="primary" data-testid="confirm-ok">
            {request.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

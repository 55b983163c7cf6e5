import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

interface DatasetDialogProps {
  title: string;
  onClose: () => void;
  testId: string;
  children: ReactNode;
}

/**
 * A modal dialog: labelled by its title, focus moves in and stays in (Tab and Shift+Tab wrap around),
 * Escape or the close button closes it, and focus goes back where it was.
 */
export function DatasetDialog({ title, onClose, testId, children }: DatasetDialogProps) {
  const { t } = useTranslation("datasets");
  const panel = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const titleId = useId();

  const placed = useRef(false);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = body.current?.querySelector<HTMLElement>(FOCUSABLE);
    placed.current = first !== null && first !== undefined;
    (first ?? panel.current)?.focus();
    return () => previous?.focus();
  }, []);

  // Focus goes to the first field once there is one (the form may wait for the formats), rather than to
  // the close button before it. Later, the focused control may go away as the dialog moves on (the form
  // gives way to the progress): focus then falls back to the page, and comes back into the dialog.
  // Content changes without this component rendering again, hence the observer.
  useLayoutEffect(() => {
    const root = panel.current;
    if (!root) return;
    const settle = () => {
      const active = document.activeElement;
      const lost = active === null || active === document.body;
      if (!placed.current) {
        const first = body.current?.querySelector<HTMLElement>(FOCUSABLE);
        if (first && (lost || active === root)) {
          first.focus();
          placed.current = true;
          return;
        }
      }
      if (lost) root.focus();
    };
    const observer = new MutationObserver(settle);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  // On the document, so that keys work wherever focus went.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const root = panel.current;
      if (!root) return;
      if (event.key === "Escape") {
        event.stopPropagation();
        event.preventDefault();
        close.current();
        return;
      }
      if (event.key !== "Tab") return;
      const focusable = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      const active = document.activeElement;
      const inside = active instanceof Node && root.contains(active) && active !== root;
      if (!inside) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (event.shiftKey && active === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKeyDown, true);
    return () => document.removeEventListener("keydown", onKeyDown, true);
  }, []);

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={panel}
        className="dialog dialog--wide datasets-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
      >
        <div className="datasets-dialog__head">
          <h2 className="dialog__title" id={titleId}>
            {title}
          </h2>
          <button type="button" className="button button--ghost button--small" onClick={onClose} data-testid="datasets-close">
            {t("close")}
          </button>
        </div>
        <div ref={body} className="datasets-dialog__body">
          {children}
        </div>
      </div>
    </div>
  );
}

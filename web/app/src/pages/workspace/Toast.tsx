import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WorkspaceMessage } from "../../workspace/session/snapshot";

const SHOWN_MS = 4000;

/** The latest workspace message, for a few seconds. */
export function Toast({ message }: { message: WorkspaceMessage | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<WorkspaceMessage | null>(null);
  useEffect(() => {
    if (message === null) return;
    setVisible(message);
    const timer = setTimeout(() => setVisible(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message]);
  if (visible === null) return null;
  const translate = t as unknown as (key: string, options: Record<string, unknown>) => string;
  return (
    <div className="toast" role="status" data-testid="toast" data-key={visible.key}>
      {translate(`workspace.messages.${visible.key}`, { ...visible.values, defaultValue: translate("workspace.messages.generic", visible.values) })}
    </div>
  );
}

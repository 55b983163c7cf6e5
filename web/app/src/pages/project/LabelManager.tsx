import type { LabelPublic } from "@annota/api-client";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api/ApiContext";
import { LabelForm } from "./LabelForm";
import { emptyLabelForm, labelFormOf } from "./labelForm";
import { LabelList } from "./LabelList";

interface LabelManagerProps {
  readonly projectId: number;
  readonly labels: readonly LabelPublic[];
  /** Called after a label was created, changed or deleted. */
  readonly onChanged: () => void;
}

/** The project's labels, each editable in place, and a form to add one. */
export function LabelManager({ projectId, labels, onChanged }: LabelManagerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <div className="label-manager">
      <LabelList labels={labels} onEdit={editing === null ? (id) => setEditing(id) : undefined} />
      {typeof editing === "number" &&
        (() => {
          const label = labels.find((l) => l.id === editing);
          if (label === undefined) return null;
          return (
            <LabelForm
              key={label.id}
              initial={labelFormOf(label)}
              onSave={async (body) => {
                await api.updateLabel(label.id, body);
                done();
              }}
              onDelete={async () => {
                await api.deleteLabel(label.id);
                done();
              }}
              onCancel={() => setEditing(null)}
            />
          );
        })()}
      {editing === "new" && (
        <LabelForm initial={emptyLabelForm(labels.length)} onSave={async (body) => {
            await api.createLabel(projectId, body);
            done();
          }} onCancel={() => setEditing(null)} />
      )}
      {editing === null && (
        <button type="button" className="button" onClick={() => setEditing("new")} data-testid="label-new">
          {t("labelEditor.add")}
        </button>
      )}
    </div>
  );
}

import type { ProjectPublic } from "@annota/api-client";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api/ApiContext";
import { useSubmit } from "../../api/useSubmit";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { MarkdownView } from "../../ui/MarkdownView";
import { useWorkspaceServices } from "../workspace/services";

/** `![name](url)` for an uploaded image; brackets in the name would end the alt text early. */
export function imageMarkdown(name: string, url: string): string {
  return `![${name.replace(/[[\]]/g, "")}](${url})`;
}

/** The project's guidelines (Markdown with images): shown, and edited with a live preview. */
export function GuidelinesEditor({ project, onSaved }: { project: ProjectPublic; onSaved: (p: ProjectPublic) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { extra } = useWorkspaceServices();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(project.guidelines);
  const area = useRef<HTMLTextAreaElement>(null);
  const save = useSubmit(async () => {
    const saved = await api.updateProject(project.id, { guidelines: text });
    onSaved(saved);
    setEditing(false);
  });
  const upload = useSubmit(async (file: File) => {
    const url = await extra.uploadProjectAsset(project.id, file, file.name);
    const el = area.current;
    const at = el?.selectionStart ?? text.length;
    const snippet = `${at > 0 && text[at - 1] !== "\n" ? "\n" : ""}${imageMarkdown(file.name, url)}\n`;
    setText(text.slice(0, at) + snippet + text.slice(at));
  });

  return (
    <section className="panel guidelines" id="guidelines" aria-labelledby="guidelines-title" data-testid="guidelines">
      <div className="guidelines__head">
        <h2 id="guidelines-title">{t("guidelines.title")}</h2>
        {!editing && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setText(project.guidelines);
              setEditing(true);
            }}
            data-testid="guidelines-edit"
          >
            {t("guidelines.edit")}
          </button>
        )}
      </div>
      {!editing && (project.guidelines.trim() === "" ? <p className="empty">{t("guidelines.none")}</p> : <MarkdownView text={project.guidelines} />)}
      {editing && (
        <div className="guidelines__editor">
          <ErrorBanner error={save.error ?? upload.error} />
          <div className="guidelines__panes">
            <label className="field">
              <span className="field__label">{t("guidelines.markdown")}</span>
              <textarea ref={area} rows={16} value={text} onChange={(e) => setText(e.target.value)} data-testid="guidelines-text" />
            </label>
            <div className="guidelines__preview" aria-label={t("guidelines.preview")}>
              <MarkdownView text={text} />
            </div>
          </div>
          <div className="form__actions">
            <label className="file-picker">
              <span className="visually-hidden">{t("guidelines.addImage")}</span>
              <input
                type="file"
                accept="image/*"
                className="file-picker__input"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void upload.submit(file);
                  e.target.value = "";
                }}
                data-testid="guidelines-image"
              />
              <span className="button" aria-hidden="true">
                {t(upload.pending ? "guidelines.uploading" : "guidelines.addImage")}
              </span>
            </label>
            <button type="button" className="button button--primary" disabled={save.pending} onClick={() => void save.submit()} data-testid="guidelines-save">
              {t(save.pending ? "common.saving" : "guidelines.save")}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

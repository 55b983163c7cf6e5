import type { UploadProgress } from "@annota/api-client";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../api/ApiContext";
import { useSubmit } from "../../api/useSubmit";
import { formatBytes } from "../../format/format";
import { ErrorBanner } from "../../ui/ErrorBanner";

interface MediaUploadProps {
  taskId: number;
  onUploaded: (added: number) => void;
}

export function MediaUpload({ taskId, onUploaded }: MediaUploadProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []); // leaving the page stops the upload

  const { submit, pending, error } = useSubmit(async () => {
    abort.current = new AbortController();
    setAdded(null);
    setProgress({ loaded: 0, total: 0 });
    try {
      return await api.uploadTaskMedia(taskId, files, { onProgress: setProgress, signal: abort.current.signal });
    } finally {
      setProgress(null);
    }
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await submit();
    if (!result) return;
    setAdded(result.added);
    setFiles([]);
    if (input.current) input.current.value = "";
    onUploaded(result.added);
  };

  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;

  return (
    <form className="upload card" onSubmit={onSubmit} aria-labelledby="upload-title">
      <h2 id="upload-title">{t("upload.title")}</h2>
      <div className="upload__row">
        {/* The native input stays (keyboard, drag and drop, browser tests); its button text is the
            browser's language, so a translated label is shown in its place. */}
        <label className="file-picker">
          <span className="visually-hidden">{t("upload.files")}</span>
          <input
            ref={input}
            type="file"
            multiple
            accept="image/*,.zip,application/zip"
            className="file-picker__input"
            onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
            data-testid="media-input"
          />
          <span className="button" aria-hidden="true">
            {t("upload.choose")}
          </span>
          <span className="muted" aria-hidden="true">
            {files.length === 0
              ? t("upload.noneChosen")
              : t("upload.selected", { n: files.length, size: formatBytes(t, i18n.language, totalBytes) })}
          </span>
        </label>
        <button
          type="submit"
          className="button button--primary"
          disabled={pending || files.length === 0}
          data-testid="media-upload-submit"
        >
          {t("upload.submit")}
        </button>
      </div>
      <p className="muted small">{t("upload.hint")}</p>
      {progress && (
        <div className="upload__progress">
          <progress max={100} value={percent} aria-label={t("upload.progress")} data-testid="upload-progress" />
          <span>{t("upload.percent", { percent })}</span>
        </div>
      )}
      {added !== null && (
        <p className="notice" role="status" data-testid="upload-result">
          {t("upload.added", { n: added })}
        </p>
      )}
      <ErrorBanner error={error} />
    </form>
  );
}

import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "../../api/useQuery";
import { enumLabel } from "../../i18n/enumLabel";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { type ExportRequest, projectTasks } from "./datasetApi";
import { chosenOptions, type DatasetFormat, formatFeatures, formatsFor, type OptionValues, optionsFor } from "./formats";
import { FormatOptions } from "./FormatOptions";

/** The format a new export starts with: the one most tools read. */
export const DEFAULT_EXPORT_FORMAT = "coco";

interface ExportFormProps {
  projectId: number;
  formats: DatasetFormat[];
  onSubmit: (request: ExportRequest) => void;
}

/** What to export: the format (with what it carries), images or not, annotated frames only, one task or all. */
export function ExportForm({ projectId, formats, onSubmit }: ExportFormProps) {
  const { t } = useTranslation("datasets");
  const id = useId();
  const tasks = useQuery((api) => projectTasks(api, projectId), [projectId]);
  const [format, setFormat] = useState(DEFAULT_EXPORT_FORMAT);
  const [withImages, setWithImages] = useState(false);
  const [annotatedOnly, setAnnotatedOnly] = useState(false);
  const [taskId, setTaskId] = useState("");
  const [optionValues, setOptionValues] = useState<OptionValues>({});
  const chosen = formats.find((f) => f.name === format);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      format,
      withImages,
      annotatedOnly,
      taskId: taskId === "" ? null : Number(taskId),
      options: chosenOptions(chosen, "export", optionValues),
    });
  };

  return (
    <form className="form datasets-form" onSubmit={submit} data-testid="export-form">
      <div className="field">
        <label htmlFor={`${id}-format`}>{t("export.format")}</label>
        <select
          id={`${id}-format`}
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          aria-describedby={`${id}-carries`}
          data-testid="export-format"
        >
          {formatsFor(formats, "export").map((f) => (
            <option key={f.name} value={f.name}>
              {f.title}
            </option>
          ))}
        </select>
        {chosen && <FormatCarries id={`${id}-carries`} format={chosen} />}
      </div>
      <FormatOptions options={optionsFor(chosen, "export")} values={optionValues} onChange={setOptionValues} />
      <label className="field--inline">
        <input
          type="checkbox"
          checked={withImages}
          onChange={(e) => setWithImages(e.target.checked)}
          data-testid="export-with-images"
        />
        {t("export.withImages")}
      </label>
      <label className="field--inline">
        <input
          type="checkbox"
          checked={annotatedOnly}
          onChange={(e) => setAnnotatedOnly(e.target.checked)}
          data-testid="export-annotated-only"
        />
        {t("export.annotatedOnly")}
      </label>
      <div className="field">
        <label htmlFor={`${id}-task`}>{t("export.scope")}</label>
        <ErrorBanner error={tasks.error} />
        <select id={`${id}-task`} value={taskId} onChange={(e) => setTaskId(e.target.value)} data-testid="export-task">
          <option value="">{t("export.wholeProject")}</option>
          {(tasks.data ?? []).map((task) => (
            <option key={task.id} value={String(task.id)}>
              {task.name}
            </option>
          ))}
        </select>
      </div>
      <div className="dialog__choices">
        <button type="submit" className="button button--primary" data-testid="export-submit">
          {t("export.submit")}
        </button>
      </div>
    </form>
  );
}

/** "Carries: Rectangle, Polygon; attributes, subsets, image files". */
function FormatCarries({ id, format }: { id: string; format: DatasetFormat }) {
  const { t } = useTranslation("datasets");
  const { t: tShell } = useTranslation();
  const kinds = format.carries.kinds.map((kind) => enumLabel(tShell, "labelKind", kind))
    .join(tShell("common.listSeparator"));
  const features = formatFeatures(format)
    .map((feature) => t(`export.features.${feature}`))
    .join(tShell("common.listSeparator"));
  return (
    <p id={id} className="muted small" data-testid="export-carries">
      {t("export.carries")}
      {tShell("common.colonSeparator")}
      {[kinds, features].filter((part) => part !== "").join(t("export.carriesSeparator"))}
    </p>
  );
}

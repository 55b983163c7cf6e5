import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "../../api/useQuery";
import { formatBytes } from "../../format/format";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { type ImportRequest, projectTasks } from "./datasetApi";
import { chosenOptions, type DatasetFormat, formatsFor, type OptionValues, optionsFor } from "./formats";
import { FormatOptions } from "./FormatOptions";

interface ImportFormProps {
  projectId: number;
  formats: DatasetFormat[];
  onSubmit: (request: ImportRequest) => void;
}

/** What to import and where: the file, its format (detected unless forced), a new or an existing task. */
export function ImportForm({ projectId, formats, onSubmit }: ImportFormProps) {
  const { t, i18n } = useTranslation("datasets");
  const { t: tShell } = useTranslation();
  const id = useId();
  const tasks = useQuery((api) => projectTasks(api, projectId), [projectId]);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("");
  const [target, setTarget] = useState<"new" | "existing">("new");
  const [taskName, setTaskName] = useState("");
  const [existing, setExisting] = useState("");
  const [optionValues, setOptionValues] = useState<OptionValues>({});
  // Options belong to a format: a detected one takes its defaults.
  const forced = formats.find((f) => f.name === format);

  const existingName = existing || tasks.data?.[0]?.name || "";
  const ready = file !== null && (target === "new" || existingName !== "");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || !ready) return;
    const name = target === "new" ? taskName.trim() : existingName;
    onSubmit({
      file,
      format: format === "" ? null : format,
      taskName: name === "" ? null : name,
      options: chosenOptions(forced, "import", optionValues),
    });
  };

  return (
    <form className="form datasets-form" onSubmit={submit} data-testid="import-form">
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("import.file")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".zip,.json,.jsonl,.xml,.txt,.csv,.yaml,.yml"
          aria-describedby={`${id}-file-hint`}
          data-testid="import-file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <p id={`${id}-file-hint`} className="muted small">
          {file
            ? t("import.chosen", { name: file.name, size: formatBytes(tShell, i18n.language, file.size) })
            : t("import.fileHint")}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-format`}>{t("import.format")}</label>
        <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value)} data-testid="import-format">
          <option value="">{t("import.detect")}</option>
          {formatsFor(formats, "import").map((f) => (
            <option key={f.name} value={f.name}>
              {f.title}
            </option>
          ))}
        </select>
      </div>
      <FormatOptions options={optionsFor(forced, "import")} values={optionValues} onChange={setOptionValues} />
      <fieldset className="datasets-form__target">
        <legend>{t("import.target")}</legend>
        <label className="field--inline">
          <input
            type="radio"
            name={`${id}-target`}
            checked={target === "new"}
            onChange={() => setTarget("new")}
            data-testid="import-target-new"
          />
          {t("import.newTask")}
        </label>
        {target === "new" && (
          <div className="field">
            <label htmlFor={`${id}-task-name`}>{t("import.taskName")}</label>
            <input
              id={`${id}-task-name`}
              value={taskName}
              maxLength={200}
              aria-describedby={`${id}-task-name-hint`}
              onChange={(e) => setTaskName(e.target.value)}
              data-testid="import-task-name"
            />
            <p id={`${id}-task-name-hint`} className="muted small">
              {t("import.taskNameHint")}
            </p>
          </div>
        )}
        <label className="field--inline">
          <input
            type="radio"
            name={`${id}-target`}
            checked={target === "existing"}
            onChange={() => setTarget("existing")}
            data-testid="import-target-existing"
          />
          {t("import.existingTask")}
        </label>
        {target === "existing" && (
          <div className="field">
            <ErrorBanner error={tasks.error} />
            {tasks.data && tasks.data.length === 0 && <p className="muted small">{t("import.noTasks")}</p>}
            {tasks.data && tasks.data.length > 0 && (
              <>
                <label htmlFor={`${id}-task`}>{t("import.task")}</label>
                <select
                  id={`${id}-task`}
                  value={existingName}
                  onChange={(e) => setExisting(e.target.value)}
                  data-testid="import-task"
                >
                  {tasks.data.map((task) => (
                    <option key={task.id} value={task.name}>
                      {task.name}
                    </option>
                  ))}
                </select>
              </>
            )}
          </div>
        )}
      </fieldset>
      <div className="dialog__choices">
        <button type="submit" className="button button--primary" disabled={!ready} data-testid="import-submit">
          {t("import.submit")}
        </button>
      </div>
    </form>
  );
}

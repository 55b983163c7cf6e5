import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { CloudBrowser } from "./CloudBrowser";
import { isOutOfReach, listStorages } from "./cloudApi";
import type { CloudStoragePublic } from "./types";
import "./cloud.css";

/** The `media_kind` of a task made of images, or still empty (a video task already holds its one video). */
const IMAGE_TASK = "images";

interface TaskCloudMediaProps {
  taskId: number;
  projectId: number;
  /** Called after media were added (the page reloads the task, its media and jobs). */
  onAdded: () => void;
}

/** Adding media to a task from the project's connected cloud storage (image tasks, for those who manage it). */
export function TaskCloudMedia({ taskId, projectId, onAdded }: TaskCloudMediaProps) {
  const { t } = useTranslation("cloud");
  const task = useQuery((api) => api.getTask(taskId), [taskId]);
  const storages = useQuery((api) => listStorages(api, projectId), [projectId]);

  // Only managers may list connections; a video task holds its one video already.
  if (isOutOfReach(storages.error) || task.data?.media_kind !== IMAGE_TASK) return null;
  if (!storages.data && !storages.error) return null; // loading: nothing to offer yet
  return (
    <section className="card cloud-media" aria-labelledby="cloud-media-title" data-testid="cloud-media">
      <h2 id="cloud-media-title">{t("task.title")}</h2>
      <ErrorBanner error={storages.error} />
      {storages.data && <Connections storages={storages.data} taskId={taskId} projectId={projectId} onAdded={onAdded} />}
    </section>
  );
}

function Connections({ storages, ...props }: TaskCloudMediaProps & { storages: CloudStoragePublic[] }) {
  const { t } = useTranslation("cloud");
  const [chosen, setChosen] = useState<number | null>(null);
  const storage = storages.find((s) => s.id === chosen) ?? storages[0];
  if (storage === undefined) {
    return (
      <p className="muted">
        {t("task.noneConnected")} <Link to={`/projects/${props.projectId}`}>{t("task.connectOnProject")}</Link>
      </p>
    );
  }
  return (
    <>
      {storages.length > 1 && (
        <label className="field field--inline">
          <span className="field__label">{t("task.connection")}</span>
          <select value={storage.id} onChange={(event) => setChosen(Number(event.target.value))} data-testid="cloud-media-storage">
            {storages.map((s) => (
              <option key={s.id} value={s.id}>
                {t("task.option", { name: s.name, bucket: s.bucket })}
              </option>
            ))}
          </select>
        </label>
      )}
      <CloudBrowser key={storage.id} storage={storage} taskId={props.taskId} onAdded={props.onAdded} />
    </>
  );
}

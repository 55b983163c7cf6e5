import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useQuery } from "../../api/useQuery";
import { ErrorBanner } from "../../ui/ErrorBanner";
import { Loading } from "../../ui/Loading";
import { Pagination } from "../../ui/Pagination";
import { pageParam, withoutEmpty } from "../listParams";
import { ProjectCreateForm } from "./ProjectCreateForm";
import { ProjectTable } from "./ProjectTable";

export const PROJECTS_PAGE_SIZE = 20;
/** Values of the server's `sort` parameter: a field, `-` first for descending. */
export const PROJECT_SORTS = ["-updated_at", "-created_at", "name", "-name"] as const;
type ProjectSort = (typeof PROJECT_SORTS)[number];

function sortParam(value: string | null): ProjectSort {
  return PROJECT_SORTS.find((sort) => sort === value) ?? PROJECT_SORTS[0];
}

export function ProjectsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get("page"));
  const q = params.get("q") ?? "";
  const sort = sortParam(params.get("sort"));
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);

  const projects = useQuery(
    (api) => api.listProjects({ page, page_size: PROJECTS_PAGE_SIZE, sort, ...(q ? { q } : {}) }),
    [page, q, sort],
  );

  const update = (next: { page?: number; q?: string; sort?: string }) =>
    setParams(withoutEmpty({ q, sort: sort === PROJECT_SORTS[0] ? undefined : sort, page: undefined, ...next }));

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: search.trim() });
  };

  return (
    <section className="page">
      <div className="page__head">
        <h1>{t("projects.title")}</h1>
        <button
          type="button"
          className="button button--primary"
          aria-expanded={creating}
          onClick={() => setCreating((c) => !c)}
          data-testid="project-new"
        >
          {creating ? t("common.cancel") : t("projects.new")}
        </button>
      </div>

      {creating && <ProjectCreateForm onCancel={() => setCreating(false)} />}

      <div className="toolbar">
        <form className="toolbar__search" role="search" onSubmit={onSearch}>
          <label className="visually-hidden" htmlFor="project-search">
            {t("projects.search")}
          </label>
          <input
            id="project-search"
            type="search"
            value={search}
            placeholder={t("projects.searchPlaceholder")}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="project-search"
          />
          <button type="submit" className="button">
            {t("projects.searchSubmit")}
          </button>
        </form>
        <label className="toolbar__sort">
          <span>{t("projects.sort.label")}</span>
          <select
            value={sort}
            onChange={(event) => update({ sort: event.target.value })}
            data-testid="project-sort"
          >
            {PROJECT_SORTS.map((value) => (
              <option key={value} value={value}>
                {t(`projects.sort.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <ErrorBanner error={projects.error} />
      {projects.loading && !projects.data && <Loading />}
      {projects.data && (
        <>
          <ProjectTable projects={projects.data.items} busy={projects.loading} searched={q !== ""} />
          <Pagination
            page={page}
            pageSize={projects.data.page_size}
            count={projects.data.count}
            onPage={(p) => update({ page: p })}
          />
        </>
      )}
    </section>
  );
}

import { useTranslation } from "react-i18next";

interface PaginationProps {
  page: number;
  pageSize: number;
  count: number;
  onPage: (page: number) => void;
}

export function pageCount(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, pageSize)));
}

export function Pagination({ page, pageSize, count, onPage }: PaginationProps) {
  const { t } = useTranslation();
  const pages = pageCount(count, pageSize);
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <button
        type="button"
        className="button"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
        data-testid="pagination-prev"
      >
        {t("pagination.previous")}
      </button>
      <span className="pagination__status">{t("pagination.status", { page, pages, total: count })}</span>
      <button
        type="button"
        className="button"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
        data-testid="pagination-next"
      >
        {t("pagination.next")}
      </button>
    </nav>
  );
}

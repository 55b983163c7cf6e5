import { useTranslation } from "react-i18next";
import { type Cell, csvHref, toCsv } from "./csv";

interface CsvLinkProps {
  fileName: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  testId?: string;
}

/** "Download CSV": the figures of the table beside it, as a file. */
export function CsvLink({ fileName, header, rows, testId }: CsvLinkProps) {
  const { t } = useTranslation("quality");
  return (
    <a className="button button--small" href={csvHref(toCsv(header, rows))} download={fileName} data-testid={testId}>
      {t("csv.download")}
    </a>
  );
}

import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { type Cell, csvUrl, toCsv } from "./csv";

interface CsvLinkProps {
  fileName: string;
  header: readonly string[];
  /** The rows, asked for only when the link is used: a long report's CSV is not built on every render. */
  rows: () => readonly (readonly Cell[])[];
  testId?: string;
}

/** "Download CSV": the figures of the table beside it, as a file made when the link is clicked. */
export function CsvLink({ fileName, header, rows, testId }: CsvLinkProps) {
  const { t } = useTranslation("quality");
  const made = useRef<string | null>(null);
  useEffect(() => () => release(made.current), []);
  return (
    <a
      className="button button--small"
      href="#"
      download={fileName}
      onClick={(event) => {
        release(made.current);
        made.current = csvUrl(toCsv(header, rows()));
        // The browser follows the link after this handler: it downloads what href now names.
        event.currentTarget.href = made.current;
      }}
      data-testid={testId}
    >
      {t("csv.download")}
    </a>
  );
}

function release(url: string | null): void {
  if (url?.startsWith("blob:")) URL.revokeObjectURL(url);
}

import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatInteger } from "../../format/format";
import type { QualityMetrics } from "./api";
import { CsvLink } from "./CsvLink";
import type { Cell } from "./csv";
import { METRIC_COLUMNS, metricCells, RATE_COLUMNS } from "./figures";
import { formatRate, formatSimilarity } from "./rates";

export interface MetricRow {
  key: string;
  /** The row's first cell (a name, a link). */
  name: ReactNode;
  /** The same as CSV cells, under `csvNames`. */
  csvName: readonly Cell[];
  metrics: QualityMetrics;
  /** Drawn as needing attention (below the review threshold). */
  flagged?: boolean;
}

interface MetricTableProps {
  caption: string;
  nameHeader: string;
  csvNames: readonly string[];
  csvFile: string;
  rows: readonly MetricRow[];
  testId: string;
}

/** A table of reports, one per row (a label, a job, an annotator), with its CSV download. */
export function MetricTable({ caption, nameHeader, csvNames, csvFile, rows, testId }: MetricTableProps) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const format = (column: (typeof METRIC_COLUMNS)[number], value: number | null): string => {
    if (!RATE_COLUMNS.has(column)) return value === null ? "" : formatInteger(locale, value);
    return column === "mean_iou" ? formatSimilarity(locale, value) : formatRate(locale, value);
  };
  return (
    <div className="quality-table">
      <table className="table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {METRIC_COLUMNS.map((column) => (
              <th key={column} scope="col" className="num">
                {t(`metrics.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`${testId}-row`} data-flagged={row.flagged ? "true" : undefined} className={row.flagged ? "quality-row--flagged" : undefined}>
              <th scope="row">{row.name}</th>
              {METRIC_COLUMNS.map((column) => (
                <td key={column} className="num" data-column={column}>
                  {format(column, row.metrics[column])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <CsvLink
        fileName={csvFile}
        header={[...csvNames, ...METRIC_COLUMNS]}
        rows={() => rows.map((row) => [...row.csvName, ...metricCells(row.metrics)])}
        testId={`${testId}-csv`}
      />
    </div>
  );
}

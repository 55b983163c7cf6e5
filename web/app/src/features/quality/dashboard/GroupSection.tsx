import type { ReactNode } from "react";
import type { QualityMetrics } from "../api";
import { RateChart } from "../charts/RateChart";
import type { Cell } from "../csv";
import { MetricTable } from "../MetricTable";

export interface QualityGroup {
  key: string;
  name: string;
  /** The first cell of its table row (a name, a link); the name when absent. */
  cell?: ReactNode;
  csvName: readonly Cell[];
  flagged: boolean;
  summary: QualityMetrics;
}

interface GroupSectionProps {
  id: string;
  title: string;
  chartTitle: string;
  nameHeader: string;
  csvNames: readonly string[];
  csvFile: string;
  groups: readonly QualityGroup[];
  empty: string;
  children?: ReactNode;
}

/** Quality per group of jobs (a job, an annotator, a task): F1 as bars, every figure in the table beside. */
export function GroupSection({ id, title, chartTitle, nameHeader, csvNames, csvFile, groups, empty, children }: GroupSectionProps) {
  return (
    <section className="panel quality-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {groups.length === 0 ? (
        <p className="empty" data-testid={`${id}-empty`}>
          {empty}
        </p>
      ) : (
        <div className="quality-figure">
          <RateChart title={chartTitle} bars={groups.map((g) => ({ key: g.key, name: g.name, value: g.summary.f1 }))} testId={`${id}-chart`} />
          <MetricTable
            caption={title}
            nameHeader={nameHeader}
            csvNames={csvNames}
            csvFile={csvFile}
            rows={groups.map((g) => ({ key: g.key, name: g.cell ?? g.name, csvName: g.csvName, metrics: g.summary, flagged: g.flagged }))}
            testId={id}
          />
        </div>
      )}
      {children}
    </section>
  );
}

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatInteger } from "../../../format/format";
import type { Conflict, FrameQuality } from "../api";
import { conflictLinks, conflictsByFrame } from "../conflicts";
import { CsvLink } from "../CsvLink";
import { labelName } from "../figures";
import { formatSimilarity, isConflictType } from "../rates";

interface ConflictListProps {
  frames: readonly FrameQuality[];
  labelNames: ReadonlyMap<number, string>;
  csvFile: string;
}

/** Frames listed at first, and added by each "show more": a long job's report stays quick to show. */
export const FRAMES_PER_PAGE = 100;

/** The report's conflicts frame by frame; each opens the workspace at its frame with its object selected. */
export function ConflictList({ frames, labelNames, csvFile }: ConflictListProps) {
  const { t, i18n } = useTranslation("quality");
  const locale = i18n.language;
  const [shown, setShown] = useState(FRAMES_PER_PAGE);
  const byFrame = conflictsByFrame(frames);
  const all = byFrame.flatMap((f) => f.conflicts);
  const typeName = (c: Conflict) => (isConflictType(c.type) ? t(`conflictTypes.${c.type}`) : c.type);
  const detail = (c: Conflict): string => {
    const parts: string[] = [labelName(labelNames, c.label_id)];
    if (c.annotated_label_id !== null && c.annotated_label_id !== c.label_id) {
      parts.push(t("conflicts.annotatedAs", { label: labelName(labelNames, c.annotated_label_id) }));
    }
    if (c.similarity !== null) parts.push(t("conflicts.similarity", { value: formatSimilarity(locale, c.similarity) }));
    if (c.attributes.length > 0) parts.push(t("conflicts.attributes", { names: c.attributes.join(", ") }));
    return parts.join(" · ");
  };
  return (
    <section className="panel quality-section" aria-labelledby="quality-conflicts">
      <div className="quality-section__head">
        <h2 id="quality-conflicts">{t("sections.conflicts")}</h2>
        <CsvLink
          fileName={csvFile}
          header={["frame", "type", "severity", "annotation_id", "reference_id", "label_id", "annotated_label_id", "similarity", "attributes", "link"]}
          rows={() => all.map((c) => [c.frame, c.type, c.severity, c.annotation_id, c.reference_id, c.label_id, c.annotated_label_id, c.similarity, c.attributes.join(" "), c.link])}
          testId="quality-conflicts-csv"
        />
      </div>
      {byFrame.length === 0 ? (
        <p className="empty" data-testid="quality-no-conflicts">
          {t("empty.conflicts")}
        </p>
      ) : (
        <ol className="quality-frames" data-testid="quality-conflicts">
          {byFrame.slice(0, shown).map((frame) => (
            <li key={frame.frame} className="quality-frame" data-testid="quality-frame" data-frame={frame.frame}>
              <h3>
                {t("conflicts.frame", { frame: formatInteger(locale, frame.frame) })}{" "}
                <span className="muted small">{t("conflicts.frameCounts", { errors: frame.errors, warnings: frame.warnings })}</span>
              </h3>
              <ul>
                {frame.conflicts.map((c, i) => {
                  const links = conflictLinks(c);
                  return (
                    <li key={i} className={`quality-conflict quality-conflict--${c.severity}`} data-testid="quality-conflict" data-type={c.type}>
                      <span className={`badge quality-badge--${c.severity}`}>{t(`severity.${c.severity}`)}</span>
                      <Link to={links.job} className="quality-conflict__open" data-testid="quality-conflict-link">
                        {typeName(c)}
                      </Link>
                      <span className="muted">{detail(c)}</span>
                      {links.reference !== null && (
                        <Link to={links.reference} className="small" data-testid="quality-conflict-reference">
                          {t("conflicts.inReference")}
                        </Link>
                      )}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {byFrame.length > shown && (
        <button type="button" className="button" onClick={() => setShown((n) => n + FRAMES_PER_PAGE)} data-testid="quality-conflicts-more">
          {t("conflicts.more", { shown, total: byFrame.length })}
        </button>
      )}
    </section>
  );
}

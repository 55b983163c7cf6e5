import { Route } from "react-router-dom";
import { ProjectQualityPage } from "./dashboard/ProjectQualityPage";
import { ConsensusPage } from "./consensus/ConsensusPage";
import { CertificatesPage } from "./exam/CertificatesPage";
import { ExamPage } from "./exam/ExamPage";
import { GroundTruthPage } from "./groundTruth/GroundTruthPage";
import { JobQualityPage } from "./job/JobQualityPage";
import { QualitySettingsPage } from "./settings/QualitySettingsPage";
import { TrendsPage } from "./trends/TrendsPage";
import "./quality.css";

/** The pages of this feature, mounted by App.tsx inside the signed-in layout. */
export const qualityRoutes = (
  <>
    <Route path="/projects/:projectId/quality" element={<ProjectQualityPage />} />
    <Route path="/projects/:projectId/quality/ground-truth" element={<GroundTruthPage />} />
    <Route path="/projects/:projectId/quality/trends" element={<TrendsPage />} />
    <Route path="/projects/:projectId/quality/settings" element={<QualitySettingsPage />} />
    <Route path="/projects/:projectId/exam" element={<ExamPage />} />
    <Route path="/jobs/:jobId/quality" element={<JobQualityPage />} />
    <Route path="/jobs/:jobId/consensus" element={<ConsensusPage />} />
    <Route path="/users/:userId/certificates" element={<CertificatesPage />} />
  </>
);

import "i18next";
import type cloud from "../features/cloud/i18n/en.json";
import type datasets from "../features/datasets/i18n/en.json";
import type quality from "../features/quality/i18n/en.json";
import type review from "../features/review/i18n/en.json";
import type teams from "../features/teams/i18n/en.json";
import type en from "./en.json";

// Makes `t("some.key")` a type error when the key is not in its namespace's en.json.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: {
      translation: typeof en;
      cloud: typeof cloud;
      datasets: typeof datasets;
      teams: typeof teams;
      review: typeof review;
      quality: typeof quality;
    };
  }
}

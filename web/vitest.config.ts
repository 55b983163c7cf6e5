import { defineConfig } from "vitest/config";

// One vitest run over every workspace: each folder is a project (its own vitest.config.* when it has one).
export default defineConfig({
  test: {
    projects: ["app", "packages/*"],
  },
});

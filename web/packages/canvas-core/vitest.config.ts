import { defineConfig } from "vitest/config";

// Lets `npm test` run inside this folder too; the workspace root picks this project up as it is.
export default defineConfig({
  test: {
    name: "@annota/canvas-core",
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});

import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    // The Python package serves these files at `/` (see pyproject's package-data `web_dist/**`).
    outDir: resolve(here, "../../src/annota/web_dist"),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8080",
    },
  },
  test: {
    name: "@annota/app",
    environment: "happy-dom",
    include: ["test/**/*.test.{ts,tsx}"],
  },
});

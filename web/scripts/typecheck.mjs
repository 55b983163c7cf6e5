// `tsc --strict --noEmit` for every workspace package that has a tsconfig.json, one after the other,
// so a package added under packages/ (canvas-core included) is checked without editing this file.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const workspaces = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).workspaces;
const tsc = join(root, "node_modules/.bin/tsc");
const failed = [];

// Workspace patterns here are "dir" or "dir/*" (node 20 has no fs.globSync).
function expand(pattern) {
  if (!pattern.endsWith("/*")) return [pattern];
  const parent = pattern.slice(0, -2);
  return readdirSync(join(root, parent))
    .map((name) => `${parent}/${name}`)
    .filter((dir) => statSync(join(root, dir)).isDirectory());
}

for (const pattern of workspaces) {
  for (const dir of expand(pattern).sort()) {
    const tsconfig = join(root, dir, "tsconfig.json");
    if (!existsSync(tsconfig)) {
      process.stdout.write(`typecheck: ${dir}: no tsconfig.json, skipped\n`);
      continue;
    }
    process.stdout.write(`typecheck: ${dir}\n`);
    const run = spawnSync(tsc, ["-p", tsconfig, "--strict", "--noEmit"], { stdio: "inherit" });
    if (run.status !== 0) failed.push(dir);
  }
}

if (failed.length > 0) {
  process.stderr.write(`typecheck failed in: ${failed.join(", ")}\n`);
  process.exit(1);
}

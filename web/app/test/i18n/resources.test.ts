// @vitest-environment node
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAst } from "vite";
import { describe, expect, it } from "vitest";
import { resources } from "../../src/i18n/locales";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Every key of every namespace, as `t()` names it: `key` in the default namespace, `ns:key` elsewhere. */
function allKeys(locale: keyof typeof resources): Map<string, string> {
  const out = new Map<string, string>();
  for (const [ns, tree] of Object.entries(resources[locale])) {
    for (const [k, v] of flatten(tree as Tree)) out.set(ns === "translation" ? k : `${ns}:${k}`, v);
  }
  return out;
}

const english = allKeys("en");
const french = allKeys("fr");
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const hasWords = (text: string) => /\p{L}{2,}/u.test(text.replace(/\{\{[^}]*\}\}/g, ""));

/** Keys whose French text is rightly the same as the English one (same word, a name, an endonym). */
const SAME_IN_FRENCH = new Set([
  "app.name",
  "locale.names.en",
  "locale.names.fr",
  "pagination.label",
  "projects.columns.description",
  "projects.create.description",
  "enums.labelKind.rectangle",
  "enums.labelKind.points",
  "enums.labelKind.ellipse",
  "enums.jobStage.annotation",
  "enums.jobStage.validation",
  "enums.mediaKind.image",
  "workspace.tools.rectangle",
  "workspace.tools.ellipse",
  "workspace.visibility.visible",
  "workspace.status.size",
  "workspace.help.groups.navigate",
  "labelEditor.min",
  "labelEditor.max",
  "labelEditor.skeleton.edge",
]);

describe("the English and French texts of every namespace", () => {
  it("have exactly the same keys", () => {
    const onlyEnglish = [...english.keys()].filter((k) => !french.has(k));
    const onlyFrench = [...french.keys()].filter((k) => !english.has(k));
    expect({ onlyEnglish, onlyFrench }).toEqual({ onlyEnglish: [], onlyFrench: [] });
  });

  it("have no empty value", () => {
    const empty = [...english, ...french].filter(([, v]) => v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it("use the same placeholders for each key", () => {
    const mismatched = [...english.keys()].filter(
      (k) => placeholders(english.get(k) ?? "").join() !== placeholders(french.get(k) ?? "").join(),
    );
    expect(mismatched).toEqual([]);
  });

  it("hold French text, not copies of the English, except the listed same-word keys", () => {
    const copies = [...english]
      .filter(([k, v]) => french.get(k) === v && hasWords(v) && !SAME_IN_FRENCH.has(k))
      .map(([k]) => k);
    expect(copies).toEqual([]);
  });

  it("list no same-word key that has since been translated (the list stays honest)", () => {
    const stale = [...SAME_IN_FRENCH].filter((k) => english.get(k) !== french.get(k));
    expect(stale).toEqual([]);
  });

  it("put a no-break space before French colons, question and exclamation marks", () => {
    const loose = [...french].filter(([, v]) => /[^\u00a0\u202f][:?!](\s|$)/u.test(v)).map(([k]) => k);
    expect(loose).toEqual([]);
  });
});

describe("components", () => {
  const srcDir = fileURLToPath(new URL("../../src", import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith(".tsx") ? [path] : [];
    });
  /** Attributes whose text people read or hear. */
  const TEXT_ATTRIBUTES = new Set(["placeholder", "title", "alt", "aria-label", "aria-description", "label"]);

  type Node = { type: string; start: number; [key: string]: unknown };
  const isNode = (value: unknown): value is Node =>
    typeof value === "object" && value !== null && typeof (value as Node).type === "string";

  /** Every JSX text, text attribute or string child with a letter in it: UI text that skipped t(). */
  function literalTexts(node: unknown, found: Node[] = []): Node[] {
    if (Array.isArray(node)) {
      for (const child of node) literalTexts(child, found);
      return found;
    }
    if (!isNode(node)) return found;
    const letters = (text: unknown) => typeof text === "string" && /\p{L}/u.test(text);
    if (node.type === "JSXText" && letters(node.value)) found.push(node);
    if (node.type === "JSXAttribute") {
      const name = (node.name as { name?: unknown }).name;
      const value = node.value as { type?: string; value?: unknown } | null;
      if (typeof name === "string" && TEXT_ATTRIBUTES.has(name) && value?.type === "Literal" && letters(value.value)) {
        found.push(node);
      }
    }
    if (node.type === "JSXExpressionContainer") {
      const expression = node.expression as { type?: string; value?: unknown };
      if (expression.type === "Literal" && letters(expression.value)) found.push(node);
    }
    for (const [key, value] of Object.entries(node)) if (key !== "type") literalTexts(value, found);
    return found;
  }

  it("hold no literal UI text (every string goes through t())", () => {
    const offenders: string[] = [];
    for (const file of files(srcDir)) {
      const source = readFileSync(file, "utf8");
      const program = parseAst(source, { lang: "tsx" }, file);
      for (const node of literalTexts(program)) {
        const line = source.slice(0, node.start).split("\n").length;
        offenders.push(`${relative(srcDir, file)}:${line}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("are checked: the scan finds literal text when there is some", () => {
    const program = parseAst(
      'export const A = () => <p title="Hello">Save {"now"}<i aria-label={t("x")}>{n}</i></p>;',
      { lang: "tsx" },
    );
    expect(literalTexts(program).map((n) => n.type)).toEqual(["JSXAttribute", "JSXText", "JSXExpressionContainer"]);
  });
});

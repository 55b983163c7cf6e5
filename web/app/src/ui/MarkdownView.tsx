import { lazy, Suspense } from "react";
import { Loading } from "./Loading";

// The Markdown renderer is a large part of the bundle: it loads only when guidelines are shown.
const Markdown = lazy(() => import("./Markdown").then((m) => ({ default: m.Markdown })));

/** Markdown (see ./Markdown.tsx), loaded on first use. */
export function MarkdownView({ text }: { text: string }) {
  return (
    <Suspense fallback={<Loading />}>
      <Markdown text={text} />
    </Suspense>
  );
}

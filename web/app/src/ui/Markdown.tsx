import ReactMarkdown from "react-markdown";

/**
 * Markdown as React elements: raw HTML in the text is shown as text, never run, and links or images
 * with a `javascript:` (or other unsafe) address are dropped by react-markdown's URL check.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        components={{
          a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
          img: ({ node: _node, ...props }) => <img {...props} loading="lazy" />,
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}

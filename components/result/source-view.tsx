/** One uploaded file (redacted), highlighted, with line numbers that are link targets. */
import { fileAnchorId } from "@/lib/view/file-anchor";
import { tokenizeSource, type TokenType } from "@/lib/view/tokenize-source";

const TOKEN_CLASS: Record<TokenType, string> = {
  plain: "",
  comment: "italic text-slate-400 dark:text-slate-500",
  key: "text-sky-700 dark:text-sky-300",
  punct: "text-slate-400",
  string: "text-emerald-700 dark:text-emerald-300",
  number: "text-amber-700 dark:text-amber-300",
  bool: "text-violet-700 dark:text-violet-300",
  null: "text-violet-700 dark:text-violet-300",
  anchor: "text-pink-700 dark:text-pink-300",
  tag: "text-pink-700 dark:text-pink-300",
  var: "font-semibold text-orange-700 dark:text-orange-300",
  mask: "rounded bg-fuchsia-100 px-0.5 text-fuchsia-800 dark:bg-fuchsia-950 dark:text-fuchsia-300",
  keyword: "text-violet-700 dark:text-violet-300",
};

export function SourceView({ env, path, kind, content }: { env: string; path: string; kind: string; content: string }) {
  const lines = tokenizeSource({ content, kind });
  return (
    <div className="overflow-x-auto bg-slate-50 py-1 dark:bg-slate-900/60">
      <pre className="min-w-full text-xs leading-5">
        <code className="block">
          {lines.map((tokens, i) => {
            const id = fileAnchorId({ env, file: path, line: i + 1 });
            return (
              <div key={i} id={id} className="flex scroll-mt-24 target:bg-yellow-100 target:ring-1 target:ring-yellow-400 dark:target:bg-yellow-900/50">
                <a
                  href={`#${id}`}
                  className="sticky left-0 w-10 shrink-0 select-none bg-slate-50 pr-3 text-right tabular-nums text-slate-400 hover:text-slate-700 dark:bg-slate-900 dark:hover:text-slate-200"
                  aria-label={`${path} line ${i + 1}`}
                >
                  {i + 1}
                </a>
                <span className="whitespace-pre pr-4">
                  {tokens.map((t, j) =>
                    t.type === "plain" ? (
                      t.text
                    ) : (
                      <span key={j} className={TOKEN_CLASS[t.type]}>
                        {t.text}
                      </span>
                    ),
                  )}
                  {tokens.length === 0 && " "}
                </span>
              </div>
            );
          })}
        </code>
      </pre>
    </div>
  );
}

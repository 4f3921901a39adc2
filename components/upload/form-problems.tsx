/**
 * The problems of an upload form that belong to no one environment (the form's own
 * error and the general ones), announced as an alert. Nothing when there are none.
 */
import type { Ref } from "react";

export function FormProblems({ formError, problems, testId, ref }: { formError: string | null | undefined; problems: readonly { message: string }[]; testId: string; ref?: Ref<HTMLDivElement> }) {
  if (problems.length === 0 && !formError) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 focus:outline-none dark:border-red-900 dark:bg-red-950/40 dark:text-red-200" data-testid={testId}>
      {formError && <p>{formError}</p>}
      {problems.length > 0 && (
        <ul className="list-inside list-disc">
          {problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A form's or section's error, announced to screen readers. */
export function AlertLine({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p role="alert" className="text-red-700 dark:text-red-400">
      {text}
    </p>
  );
}

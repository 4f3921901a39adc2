import type { Severity } from "@/lib/parity/roles";
import { SEVERITY_BADGE } from "./styles";

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${SEVERITY_BADGE[severity]}`}>{severity}</span>
  );
}

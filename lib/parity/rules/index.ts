/**
 * Every parity rule, in the order findings are reported. Rule ids are stable
 * strings documented in docs/rules.md.
 */
import type { Rule } from "../rule-kit";
import { adminUiInProductionRule } from "./admin-ui-in-production";
import { backingPortPublishedRule } from "./backing-port-published";
import { backingServiceKindRule } from "./backing-service-kind";
import { buildDriftRule } from "./build-drift";
import { commandDriftRule } from "./command-drift";
import { dependsOnDriftRule } from "./depends-on-drift";
import { devPatternInProdRule } from "./dev-pattern-in-prod";
import { envMissingRule } from "./env-missing";
import { hardcodedSecretRule } from "./hardcoded-secret";
import { healthcheckDriftRule } from "./healthcheck-drift";
import { imageDriftRule } from "./image-drift";
import { imageUnpinnedRule } from "./image-unpinned";
import { portMismatchRule } from "./port-mismatch";
import { restartDriftRule } from "./restart-drift";
import { secretReusedRule } from "./secret-reused";
import { serviceMissingRule } from "./service-missing";
import { tlsDriftRule } from "./tls-drift";
import { volumeDriftRule } from "./volume-drift";

export const RULES: readonly Rule[] = [
  serviceMissingRule,
  backingServiceKindRule,
  imageDriftRule,
  imageUnpinnedRule,
  portMismatchRule,
  envMissingRule,
  hardcodedSecretRule,
  secretReusedRule,
  devPatternInProdRule,
  commandDriftRule,
  buildDriftRule,
  dependsOnDriftRule,
  volumeDriftRule,
  restartDriftRule,
  healthcheckDriftRule,
  tlsDriftRule,
  backingPortPublishedRule,
  adminUiInProductionRule,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

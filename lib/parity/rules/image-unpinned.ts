/**
 * image-unpinned: a staging/production service runs `latest`, no tag, or a mutable
 * tag (`nightly`, `edge`, `alpine`), so two deploys of the same release may differ.
 */
import { pinState } from "../image-ref";
import { isProductionLike, severityRank, type Severity } from "../roles";
import { locate, locations, plainValue, presentIn, type FindingDraft, type Rule } from "../rule-kit";

const WORDS = { untagged: "has no tag (so `latest`)", latest: "uses the `latest` tag", mutable: "uses a mutable tag" } as const;

export const imageUnpinnedRule: Rule = {
  id: "image-unpinned",
  factor: "V",
  title: "Unpinned image in staging/production",
  description: "A staging or production service uses `latest`, no tag, or a mutable tag (`nightly`, `edge`, `alpine`), so a release is not reproducible.",
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const group of ctx.groups) {
      const flagged = presentIn(ctx, group).filter((p) => {
        if (!isProductionLike(p.view.role) || !p.service.image) return false;
        const s = pinState(p.service.image);
        return s === "untagged" || s === "latest" || s === "mutable";
      });
      if (!flagged.length) continue;
      let severity: Severity = "info";
      for (const p of flagged) {
        // a built service's image is the tag the build produces; a pulled one is what runs
        const s: Severity = p.service.build ? "low" : p.view.role === "production" ? "medium" : "low";
        if (severityRank(s) > severityRank(severity)) severity = s;
      }
      const first = flagged[0] as (typeof flagged)[number];
      const state = pinState(first.service.image as string) as keyof typeof WORDS;
      out.push({
        rule: "image-unpinned",
        factor: "V",
        severity,
        service: group.id,
        key: "image",
        environments: flagged.map((p) => p.view.name),
        values: flagged.map((p) => plainValue(p.view.name, p.service.image)),
        message: `\`${group.id}\` ${WORDS[state]} in ${flagged.map((p) => `${p.view.name} (${p.service.image})`).join(", ")}, so each deploy may pull a different version.`,
        fix: "Pin a version tag (e.g. `postgres:16.4`), or a digest (`@sha256:…`) for full reproducibility.",
        locations: locations(...flagged.map((p) => locate(p.view, ["services", p.name, "image"]))),
      });
    }
    return out;
  },
};

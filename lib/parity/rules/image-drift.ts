/**
 * image-drift: the same service runs a different image or tag, judged by version
 * distance (major high, minor medium, patch low). Images are compared after
 * interpolation (the loaded model holds interpolated values).
 */
import { parseImage, versionGap, type VersionGap } from "../image-ref";
import { memoPair } from "../memo";
import { severityRank, type Severity } from "../roles";
import { locate, locations, plainValue, presentIn, type FindingDraft, type Rule } from "../rule-kit";

const GAP_SEVERITY: Record<Exclude<VersionGap, "same">, Severity> = {
  major: "high",
  minor: "medium",
  patch: "low",
  variant: "low",
  unknown: "medium",
};

const GAP_WORDS: Record<Exclude<VersionGap, "same">, string> = {
  major: "a major version apart",
  minor: "a minor version apart",
  patch: "a patch version apart",
  variant: "the same version in a different variant",
  unknown: "tags that cannot be compared as versions",
};

export const imageDriftRule: Rule = {
  id: "image-drift",
  factor: "X",
  title: "Different image or tag",
  description: "The same service runs a different image or tag; the severity follows the version distance (major high, minor medium, patch low).",
  check(ctx) {
    const out: FindingDraft[] = [];
    // services share their tags (a release tag in every service): each pair of tags is judged once
    const gapOf = memoPair((a: string | null, b: string | null): VersionGap => versionGap(a, b));
    for (const group of ctx.groups) {
      const present = presentIn(ctx, group);
      const withImage = present.filter((p) => p.service.image);
      if (withImage.length < 2) {
        // built in one environment, pulled in another
        const built = present.filter((p) => !p.service.image && p.service.build);
        if (withImage.length === 1 && built.length && !withImage[0]?.service.build) {
          const img = withImage[0] as (typeof present)[number];
          out.push({
            rule: "image-drift",
            factor: "X",
            severity: "low",
            service: group.id,
            key: "image",
            environments: present.map((p) => p.view.name),
            values: present.map((p) => plainValue(p.view.name, p.service.image ?? `build ${p.service.build?.context ?? "."}${p.service.build?.dockerfile ? ` (${p.service.build.dockerfile})` : ""}`)),
            message: `\`${group.id}\` runs the image ${img.service.image} in ${img.view.name} but is built from source in ${built.map((b) => b.view.name).join(", ")}, so their versions cannot be compared.`,
            fix: "Build from the same Dockerfile everywhere, or pin the base image version in the Dockerfile to the tag used elsewhere.",
            locations: locations(...present.map((p) => locate(p.view, ["services", p.name, p.service.image ? "image" : "build"]))),
          });
        }
        continue;
      }
      const refs = withImage.map((p) => ({ p, ref: parseImage(p.service.image as string) }));
      const allBuilt = withImage.every((p) => p.service.build);
      let worst: { gap: Exclude<VersionGap, "same"> | "repository"; a: string; b: string } | null = null;
      for (let i = 0; i < refs.length; i++) {
        for (let j = i + 1; j < refs.length; j++) {
          const a = refs[i] as (typeof refs)[number];
          const b = refs[j] as (typeof refs)[number];
          if (a.p.service.image === b.p.service.image) continue;
          if (a.ref.repository !== b.ref.repository) {
            // the image name of a built service is only the tag the build produces
            if (a.p.service.build || b.p.service.build) continue;
            worst = { gap: "repository", a: a.p.service.image as string, b: b.p.service.image as string };
            continue;
          }
          if (a.ref.digest !== b.ref.digest && a.ref.tag === b.ref.tag) {
            if (!worst) worst = { gap: "patch", a: a.p.service.image as string, b: b.p.service.image as string };
            continue;
          }
          const gap = gapOf(a.ref.tag, b.ref.tag);
          if (gap === "same") continue;
          if (allBuilt && gap === "unknown") continue;
          const rank = (g: string) => (g === "repository" ? 5 : severityRank(GAP_SEVERITY[g as Exclude<VersionGap, "same">]) * 2 + (g === "major" ? 1 : 0));
          if (!worst || rank(gap) > rank(worst.gap)) worst = { gap, a: a.p.service.image as string, b: b.p.service.image as string };
        }
      }
      if (!worst) continue;
      const severity: Severity = worst.gap === "repository" ? "medium" : GAP_SEVERITY[worst.gap];
      const message =
        worst.gap === "repository"
          ? `\`${group.id}\` runs different images: ${withImage.map((p) => `${p.service.image} in ${p.view.name}`).join(", ")}.`
          : `\`${group.id}\` runs ${withImage.map((p) => `${p.service.image} in ${p.view.name}`).join(", ")}: ${GAP_WORDS[worst.gap]}.`;
      out.push({
        rule: "image-drift",
        factor: "X",
        severity,
        service: group.id,
        key: "image",
        environments: withImage.map((p) => p.view.name),
        values: present.map((p) => plainValue(p.view.name, p.service.image)),
        message,
        fix: "Use the same image and tag in every environment (set the tag in one place, e.g. a variable with the same default).",
        locations: locations(...withImage.map((p) => locate(p.view, ["services", p.name, "image"]))),
      });
    }
    return out;
  },
};

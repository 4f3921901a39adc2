/**
 * The fast YAML reader declines whatever it is not sure to read exactly as the reference
 * reader (eemeli `yaml` + the `parse-yaml.ts` walk) would; `parseYamlDocuments` then falls
 * back to the reference. A decline is thrown as a `Decline` and caught once, at the entry.
 */
export class Decline {
  constructor(readonly reason: string) {}
}

export function decline(reason: string): never {
  throw new Decline(reason);
}

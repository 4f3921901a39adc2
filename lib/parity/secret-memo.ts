/**
 * Secret judgements memoised for one comparison: each distinct (key, value) pair is
 * classified and redacted once (each key name judged once), and each distinct value fingerprinted once, however
 * many rules look at it. A memo lives as long as its comparison (one per
 * `RuleContext`, see `secretsOf` in rule-kit.ts); it never outlives the key it was
 * made with. Results are shared between callers and must not be mutated.
 */
import { memoOne, memoPair } from "./memo";
import { redactValue, type RedactedValue } from "./redact";
import { classifySecret, fingerprintSecret, isSecretKey, type SecretClassification } from "./secrets";

export interface SecretMemo {
  classify: (key: string, value: string | null | undefined) => SecretClassification;
  redact: (key: string, value: string | null | undefined) => RedactedValue;
}

export function createSecretMemo({ fingerprintKey }: { fingerprintKey: Uint8Array | string }): SecretMemo {
  const printOf = memoOne((value: string) => fingerprintSecret({ value, key: fingerprintKey }));
  const fingerprint = ({ value }: { value: string }) => printOf(value);
  // a key name is judged once, however many values it has (SERVICE_NAME in 300 services)
  const secretKey = memoOne(isSecretKey);
  const classifyString = memoPair((key: string, value: string) => classifySecret({ key, value, secretKey }));
  const redactString = memoPair((key: string, value: string) => redactValue({ key, value, fingerprintKey, classify: classifyString, fingerprint }));
  return {
    classify: (key, value) => (typeof value === "string" ? classifyString(key, value) : classifySecret({ key, value })),
    redact: (key, value) => (typeof value === "string" ? redactString(key, value) : redactValue({ key, value, fingerprintKey })),
  };
}

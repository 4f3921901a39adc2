import { describe, expect, it } from "vitest";
import { makeContext, makeEnvironment } from "../testing/make-environment";
import { commandDriftRule } from "./command-drift";

describe("command-drift", () => {
  it("reports runserver in dev vs gunicorn in prod as medium", () => {
    const dev = makeEnvironment({ name: "dev", services: { web: { build: { context: "." }, command: ["python", "manage.py", "runserver", "0.0.0.0:8000"] } } });
    const prod = makeEnvironment({ name: "prod", services: { web: { build: { context: "." }, command: ["gunicorn", "app.wsgi:application", "--bind", "0.0.0.0:8000"] } } });
    const [f] = commandDriftRule.check(makeContext([dev, prod]));
    expect(f).toMatchObject({ key: "command", severity: "medium" });
    expect(f?.message).toContain("runserver");
    expect(f?.values[1]?.value).toBe("gunicorn app.wsgi:application --bind 0.0.0.0:8000");
  });

  it("reports other command differences as low", () => {
    const a = makeEnvironment({ name: "prod", services: { redis: { image: "redis:7", command: ["redis-server", "--appendonly", "yes"] } } });
    const b = makeEnvironment({ name: "test", services: { redis: { image: "redis:7", command: ["redis-server", "--appendonly", "no"] } } });
    expect(commandDriftRule.check(makeContext([a, b]))[0]?.severity).toBe("low");
  });

  it("reports nothing for the same command", () => {
    const a = makeEnvironment({ name: "dev", services: { w: { image: "a:1", command: ["celery", "worker"] } } });
    const b = makeEnvironment({ name: "prod", services: { w: { image: "a:1", command: ["celery", "worker"] } } });
    expect(commandDriftRule.check(makeContext([a, b]))).toEqual([]);
  });
});

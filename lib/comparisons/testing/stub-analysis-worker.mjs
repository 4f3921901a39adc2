// A worker for the pool's own tests (analysis-pool.test.ts), which are about the pool,
// not the analysis: the environment's name says what to do. "exit:N" ends the thread
// with code N, "throw" throws outside any handler (an uncaught error), "slow:MS"
// answers after MS ms, anything else answers at once; every answer names the thread.
import { parentPort, threadId } from "node:worker_threads";

parentPort.on("message", ({ id, input }) => {
  const name = input.environments[0]?.name ?? "";
  if (name.startsWith("exit:")) process.exit(Number(name.slice(5)));
  if (name === "throw") setTimeout(() => { throw new Error("boom in the worker"); }, 0);
  const answer = () => parentPort.postMessage({ id, ok: true, analysis: { name, threadId } });
  if (name.startsWith("slow:")) setTimeout(answer, Number(name.slice(5)));
  else if (name !== "throw") answer();
});

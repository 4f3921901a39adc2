// Starts a TypeScript worker module under tsx (the dev server, tests): Node 20 does not
// pass the parent's loaders to worker threads. workerData: { entry: <file URL of the
// .ts module>, data: <the module's own workerData> }.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
await import(workerData.entry);

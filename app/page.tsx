import { connection } from "next/server";
import { NewComparisonForm } from "@/components/upload/new-comparison-form";
import { getConfig } from "@/lib/config";

const FACTORS = [
  { id: "X", name: "Dev/prod parity", text: "sqlite in dev but PostgreSQL in prod, postgres:13 vs 16, services that exist in one environment only." },
  { id: "III", name: "Config", text: "Env keys missing in one environment, hard-coded or reused secrets, debug flags left on." },
  { id: "IV", name: "Backing services", text: "Mail catchers, admin UIs and local databases swapped for managed services, or leaking into prod." },
  { id: "VII", name: "Port binding", text: "Published ports, host IP bindings and protocols that differ between environments." },
];

// GET / – new comparison
export default async function HomePage() {
  // the upload limit is the running server's configuration, not the build's
  await connection();
  const { MAX_UPLOAD_BYTES } = getConfig();
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">compose-parity</h1>
        <p className="max-w-3xl text-base text-slate-600 sm:text-lg dark:text-slate-300">
          Upload the docker-compose and env files of your environments (dev, staging, prod…). Each environment is loaded
          exactly as Docker Compose would load it, and every gap between them is shown in Twelve-Factor terms, ready for your
          team to review and sign off.
        </p>
      </section>

      <section aria-labelledby="new-comparison" className="space-y-3">
        <h2 id="new-comparison" className="sr-only">
          New comparison
        </h2>
        <NewComparisonForm maxUploadBytes={MAX_UPLOAD_BYTES} />
      </section>

      <section aria-labelledby="factors" className="space-y-3 border-t border-slate-200 pt-6 dark:border-slate-800">
        <h2 id="factors" className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">What it catches</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {FACTORS.map((f) => (
            <li key={f.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
              <p className="text-sm font-medium">
                <span className="mr-2 rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
                  {f.id}
                </span>
                {f.name}
              </p>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{f.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="cli" className="space-y-2">
        <h2 id="cli" className="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">From the command line</h2>
        <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-sm text-slate-100">
          <code>{`npx compose-parity diff \\
  --env dev=docker-compose.yml,docker-compose.override.yml,.env \\
  --env prod=docker-compose.yml,docker-compose.prod.yml,.env.prod \\
  --format markdown`}</code>
        </pre>
      </section>
    </div>
  );
}

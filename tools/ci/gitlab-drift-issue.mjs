#!/usr/bin/env node
// Opens ONE issue per drifted stack ("Drift: <stack>", label `drift`), or comments on the open one.
// Usage: node gitlab-drift-issue.mjs STACK OUTPUT.txt
import { readFileSync } from "node:fs";
import { all, call, configured } from "./gitlab-api.mjs";

const [stack, file] = process.argv.slice(2);
if (!configured()) process.exit(0);
let output = readFileSync(file, "utf8");
if (output.length > 200000) output = "…" + output.slice(-200000);
const title = `Drift: ${stack}`;
const body = `\`pulumi preview --refresh --expect-no-changes --stack ${stack}\` found differences between AWS and the stack `
  + `on ${new Date().toISOString().slice(0, 10)} ([job](${process.env.CI_JOB_URL})).\n\n`
  + `Either bring the change into the code and deploy it, or run \`pulumi up --stack ${stack}\` to put AWS back.\n\n`
  + "<details><summary>preview output</summary>\n\n```\n" + output.replaceAll("```", "'''") + "\n```\n</details>\n";
const open = await all(`/issues?state=opened&labels=drift`);
const existing = open.find((i) => i.title === title);
if (existing) {
  await call("POST", `/issues/${existing.iid}/notes`, { body });
  console.log(`drift: commented on #${existing.iid}`);
} else {
  const created = await call("POST", `/issues`, { title, description: body, labels: "drift" });
  console.log(`drift: opened #${created.iid}`);
}

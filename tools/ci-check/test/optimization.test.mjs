// The weekly optimization run: its GitHub workflow and GitLab job (schedule, least privilege, pinned actions), and
// tools/ci/optimization-issue.mjs against a local API on 127.0.0.1: one issue per stack, opened once and updated after.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { compose, markerOf } from "../../ci/optimization-issue.mjs";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const script = join(root, "tools/ci/optimization-issue.mjs");
const workflow = parse(readFileSync(join(root, ".github/workflows/optimization.yml"), "utf8"));
const gitlab = parse(readFileSync(join(root, ".gitlab-ci.yml"), "utf8"));

const report = {
  project: "platform", stack: "production", region: "us-east-1", currency: "USD", fixedMonthlyUsd: 2132.94, unpricedLines: 0,
  budgetUsd: 2500, budgetVerdict: "within", knownSavingsMonthlyUsd: 301.49, unknownSavings: 1,
  recommendations: [
    { kind: "reserved", resource: "aws:elasticache/replicationGroup:ReplicationGroup::redis", savingsMonthlyUsd: 151.11, estimate: false },
    { kind: "spot", resource: "aws:eks/nodeGroup:NodeGroup::app-nodes", savingsMonthlyUsd: 92.51, estimate: true },
    { kind: "graviton", resource: "aws:rds/instance:Instance::postgres", savingsMonthlyUsd: 73, estimate: false },
    { kind: "reserved", resource: "aws:rds/instance:Instance::postgres", savingsMonthlyUsd: null, estimate: false },
  ],
};

test("Mondays 06:00 UTC (seed 002's 0 6 * * 1), issues: write and nothing more, every action pinned by commit", () => {
  assert.deepEqual(workflow.on.schedule, [{ cron: "0 6 * * 1" }]);
  assert.deepEqual(workflow.permissions, { contents: "read" });
  const job = workflow.jobs.optimization;
  assert.deepEqual(job.permissions, { contents: "read", issues: "write" });
  for (const step of job.steps.filter((s) => s.uses)) {
    assert.match(step.uses, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${step.uses} is pinned by a full commit`);
  }
  const run = job.steps.map((s) => s.run ?? "").join("\n");
  assert.match(run, /\.\/platform plan --all-stacks --skip-policies/);
  assert.match(run, /--recommend --format json/);
  assert.match(run, /node tools\/ci\/optimization-issue\.mjs github "\$stack"/);
  assert.ok(!JSON.stringify(workflow).includes("id-token"), "no cloud credentials: the plans are offline");
});

test("GitLab: the optimization job runs on a schedule with SCHEDULED_JOB=optimization only, and the drift check does not", () => {
  const job = gitlab.optimization;
  assert.deepEqual(job.rules, [{ if: '$CI_PIPELINE_SOURCE == "schedule" && $SCHEDULED_JOB == "optimization"' }]);
  assert.ok(gitlab.stages.includes(job.stage));
  assert.ok(job.script.some((l) => l.includes("node tools/ci/optimization-issue.mjs gitlab")));
  assert.ok(!gitlab[".drift"].rules[0].if.includes('"optimization"'));
});

test("the issue text: marker, the month's cost against the budget, the top three, unknown never $0", () => {
  const body = compose("production", report, "### Savings for `production`\n", { runUrl: "https://ci/run/1", date: "2026-12-07" });
  assert.ok(body.startsWith(`${markerOf("production")}\nWeekly optimization run of 2026-12-07 ([run](https://ci/run/1)): `));
  assert.match(body, /costs \*\*\$2,132\.94 a month\*\* fixed; budget \$2,500\.00: \*\*within\*\*/);
  assert.match(body, /Largest savings: \$151\.11 reserved on `aws:elasticache[^`]+`; \$92\.51 \(estimate\) spot on `[^`]+`; \$73\.00 graviton/);
  const unknown = compose("production", { ...report, recommendations: report.recommendations.slice(3) }, "", { date: "2026-12-07" });
  assert.match(unknown, /Largest savings: unknown reserved/);
});

/** A tiny issue tracker of both forges on 127.0.0.1, recording every write. */
function tracker() {
  const issues = [];
  const writes = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      const url = new URL(req.url, "http://x");
      const body = data ? JSON.parse(data) : undefined;
      const send = (status, json) => { res.writeHead(status, { "Content-Type": "application/json" }); res.end(JSON.stringify(json)); };
      if (req.method !== "GET") writes.push({ method: req.method, path: url.pathname, body });
      if (url.pathname === "/repos/acme/platform/issues" && req.method === "GET") {
        assert.equal(url.searchParams.get("labels"), "cost-optimization");
        return send(200, issues.filter((i) => i.state === "open").map((i) => ({ number: i.id, title: i.title, body: i.text })));
      }
      if (url.pathname === "/repos/acme/platform/issues" && req.method === "POST") {
        const issue = { id: issues.length + 1, title: body.title, text: body.body, state: "open", labels: body.labels };
        issues.push(issue);
        return send(201, { number: issue.id });
      }
      const gh = url.pathname.match(/^\/repos\/acme\/platform\/issues\/(\d+)$/);
      if (gh && req.method === "PATCH") {
        Object.assign(issues[gh[1] - 1], { title: body.title, text: body.body });
        return send(200, { number: Number(gh[1]) });
      }
      if (url.pathname === "/api/v4/projects/7/issues" && req.method === "GET") {
        return send(200, issues.filter((i) => i.state === "open").map((i) => ({ iid: i.id, title: i.title, description: i.text })));
      }
      if (url.pathname === "/api/v4/projects/7/issues" && req.method === "POST") {
        const issue = { id: issues.length + 1, title: body.title, text: body.description, state: "open", labels: body.labels };
        issues.push(issue);
        return send(201, { iid: issue.id });
      }
      const gl = url.pathname.match(/^\/api\/v4\/projects\/7\/issues\/(\d+)$/);
      if (gl && req.method === "PUT") {
        Object.assign(issues[gl[1] - 1], { title: body.title, text: body.description });
        return send(200, { iid: Number(gl[1]) });
      }
      send(404, { message: `no route ${req.method} ${url.pathname}` });
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, issues, writes, url: `http://127.0.0.1:${server.address().port}` })));
}

function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { env: { PATH: process.env.PATH, REVIEW_RETRY_DELAY_MS: "10", ...env } });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("close", (code) => resolve({ code, out }));
  });
}

function files() {
  const dir = mkdtempSync(join(tmpdir(), "optimization-"));
  writeFileSync(join(dir, "production.json"), JSON.stringify(report));
  writeFileSync(join(dir, "production.md"), "### Savings for `production`\n\n| saving a month | ... |\n");
  writeFileSync(join(dir, "staging.json"), JSON.stringify({ ...report, stack: "staging" }));
  writeFileSync(join(dir, "staging.md"), "### Savings for `staging`\n");
  return dir;
}

test("GitHub: the first week opens one issue per stack, the next week updates each in place", async () => {
  const t = await tracker();
  const dir = files();
  const env = { GITHUB_API_URL: t.url, GITHUB_REPOSITORY: "acme/platform", GITHUB_TOKEN: "t" };
  try {
    for (const week of [1, 2]) {
      for (const stack of ["production", "staging"]) {
        const r = await run(["github", stack, join(dir, `${stack}.json`), join(dir, `${stack}.md`)], env);
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, week === 1 ? /opened #\d/ : /updated #\d/);
      }
    }
    assert.deepEqual(t.writes.map((w) => `${w.method} ${w.path}`), [
      "POST /repos/acme/platform/issues", "POST /repos/acme/platform/issues",
      "PATCH /repos/acme/platform/issues/1", "PATCH /repos/acme/platform/issues/2"]);
    assert.deepEqual(t.issues.map((i) => i.title), ["Cost optimization: production", "Cost optimization: staging"]);
    assert.deepEqual(t.writes[0].body.labels, ["cost-optimization"]);
    assert.ok(t.issues[0].text.startsWith(markerOf("production")));
  } finally {
    t.server.close();
  }
});

test("GitLab: the same, through the project's issues API", async () => {
  const t = await tracker();
  const dir = files();
  const env = { CI_API_V4_URL: `${t.url}/api/v4`, CI_PROJECT_ID: "7", GITLAB_REVIEW_TOKEN: "t" };
  try {
    for (const expected of [/opened #1/, /updated #1/]) {
      const r = await run(["gitlab", "production", join(dir, "production.json"), join(dir, "production.md")], env);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, expected);
    }
    assert.deepEqual(t.writes.map((w) => `${w.method} ${w.path}`), ["POST /api/v4/projects/7/issues", "PUT /api/v4/projects/7/issues/1"]);
    assert.equal(t.issues.length, 1);
  } finally {
    t.server.close();
  }
});

test("a report of another stack is refused, naming both", async () => {
  const dir = files();
  const r = await run(["github", "staging", join(dir, "production.json"), join(dir, "production.md")], {});
  assert.equal(r.code, 2);
  assert.match(r.out, /production\.json is the report of stack production, not staging/);
});

// GitHub workflows: each one through @action-validator/cli (GitHub's workflow schema), then what the
// review loop relies on between the files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const workflowsDir = join(root, ".github/workflows");
const cli = fileURLToPath(new URL("../node_modules/@action-validator/cli/cli.mjs", import.meta.url));
const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const workflow = (name) => parse(readFileSync(join(workflowsDir, name), "utf8"));

function actionValidator(path) {
  return spawnSync(process.execPath, [cli, path], { encoding: "utf8" });
}

test("the review loop's four workflows, the image scan, the restore drill and the optimization run are there", () => {
  assert.deepEqual(files, ["deploy.yml", "drift.yml", "image-scan.yml", "optimization.yml", "restore-drill.yml", "review-comment.yml", "review.yml"]);
});

for (const file of files) {
  test(`${file} is valid for GitHub Actions (action-validator)`, () => {
    const result = actionValidator(join(workflowsDir, file));
    assert.equal(result.status, 0, `${file}:\n${result.stdout}${result.stderr}`);
  });
}

test("action-validator rejects a job with a misspelt key", () => {
  const dir = mkdtempSync(join(tmpdir(), "workflow-"));
  const bad = join(dir, "bad.yml");
  writeFileSync(bad, "name: bad\non: push\njobs:\n  build:\n    runs_on: ubuntu-latest\n    steps:\n      - run: echo\n");
  const result = actionValidator(bad);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /Additional property 'runs_on' is not allowed/);
});

test("review runs with a read-only token beside the suite and hands both outcomes to review-comment", () => {
  const review = workflow("review.yml");
  assert.deepEqual(review.permissions, { contents: "read" });
  assert.deepEqual(review.jobs.review.permissions, undefined);
  assert.equal(review.jobs.review.needs, undefined, "the review does not wait for the test suite");
  const steps = (job) => review.jobs[job].steps.map((s) => s.run ?? "").join("\n");
  assert.match(steps("test"), /tools\/ci\/run-step\.sh suite suite \.\/mvnw -B verify/);
  assert.match(steps("review"), /tools\/ci\/run-step\.sh build review \.\/mvnw -B -DskipTests package/);
  assert.match(steps("review"), /--comment review\/review\.md/);
  assert.ok(!/mvnw -B verify/.test(steps("review")), "no suite in the review job");
  for (const [job, name] of [["review", "review"], ["test", "suite"]]) {
    const upload = review.jobs[job].steps.find((s) => s.uses?.startsWith("actions/upload-artifact") && s.with.name === name);
    assert.equal(upload.if, "always()", `${name} is handed over also when a step failed`);
  }
  const comment = workflow("review-comment.yml");
  assert.deepEqual(comment.on.workflow_run.workflows, [review.name]);
  const job = comment.jobs.comment;
  assert.equal(job.permissions["pull-requests"], "write");
  assert.match(job.steps.find((s) => s.uses?.startsWith("actions/download-artifact")).with.pattern, /suite/);
  assert.equal(job.steps.find((s) => s.uses?.startsWith("actions/checkout")).with.ref, undefined, "the default branch, never the pull request");
  assert.equal(job.steps.at(-1).run, "node tools/ci/github-comment.mjs artifacts");
});

test("real previews only when vars.PULUMI_PREVIEW is 'true', with OIDC and the read-only role", () => {
  const preview = workflow("review.yml").jobs.preview;
  assert.match(preview.if, /vars\.PULUMI_PREVIEW == 'true'/);
  assert.equal(preview.permissions["id-token"], "write");
  const aws = preview.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
  assert.match(aws.with["role-to-assume"], /AWS_PREVIEW_ROLE_ARN/);
  const pulumi = preview.steps.find((s) => s.uses?.startsWith("pulumi/actions"));
  assert.equal(pulumi.with.command, "preview");
  assert.equal(pulumi.with.policyPacks, "policies");
  assert.match(preview.env.JDK_JAVA_OPTIONS, /-XX:SharedArchiveFile=target\/platform\.jsa/);
});

test("deploy: staging then production behind its environment, one jar, one `up` per stack at a time, health checked", () => {
  const deploy = workflow("deploy.yml");
  const { staging, production } = deploy.jobs;
  assert.equal(staging.environment.name, "staging");
  assert.equal(production.environment.name, "production");
  assert.ok(production.needs.includes("staging"));
  assert.equal(staging.concurrency["cancel-in-progress"], false);
  assert.notEqual(staging.concurrency.group, production.concurrency.group);
  for (const job of [staging, production]) {
    const download = job.steps.find((s) => s.uses?.startsWith("actions/download-artifact"));
    assert.equal(download.with.name, "platform-jar", "both deploy the jar the build job made");
    assert.ok(!job.steps.some((s) => /mvnw/.test(s.run ?? "")), "no rebuild in a deploy job");
    const up = job.steps.find((s) => s.uses?.startsWith("pulumi/actions"));
    assert.equal(up.with.command, "up");
    assert.ok(job.steps.some((s) => /tools\/ci\/health-check\.sh/.test(s.run ?? "")));
    assert.match(job["runs-on"], /vars\.DEPLOY_RUNNER_(STAGING|PRODUCTION)/);
  }
  assert.match(JSON.stringify(deploy.jobs["plan-production"].steps), /platform review --base/);
});

test("drift: refresh-backed preview expecting no changes, per stack, one issue per stack", () => {
  const drift = workflow("drift.yml").jobs.drift;
  assert.deepEqual(drift.strategy.matrix.stack, ["staging", "production"]);
  const preview = drift.steps.find((s) => s.uses?.startsWith("pulumi/actions"));
  assert.equal(preview.with.refresh, true);
  assert.equal(preview.with["expect-no-changes"], true);
  const script = drift.steps.find((s) => s.uses?.startsWith("actions/github-script")).with.script;
  assert.match(script, /Drift: \$\{stack\}/);
  assert.match(script, /createComment/);
});

test("every tools/ci script a workflow calls exists and is executable", () => {
  const texts = files.map((f) => readFileSync(join(workflowsDir, f), "utf8")).join("\n")
    + readFileSync(join(root, ".gitlab-ci.yml"), "utf8");
  const scripts = [...new Set(texts.match(/tools\/ci\/[\w.-]+/g))];
  assert.ok(scripts.length >= 3);
  for (const script of scripts) {
    const mode = statSync(join(root, script)).mode;
    assert.ok(mode & 0o100, `${script} is executable`);
  }
  execFileSync("bash", ["-n", join(root, "tools/ci/health-check.sh")]);
  execFileSync("bash", ["-n", join(root, "tools/ci/appcds.sh")]);
});

test("restore drill: weekly per stack, shellchecked first, on the stack's runner with the drill role", () => {
  const drill = workflow("restore-drill.yml");
  assert.deepEqual(drill.on.schedule, [{ cron: "0 7 * * 1" }]);
  assert.deepEqual(drill.on.workflow_dispatch.inputs.stack.options, ["staging", "production"]);
  assert.deepEqual(drill.permissions, { contents: "read" });
  assert.ok(drill.jobs.lint.steps.some((s) => s.run === "shellcheck tools/restore-drill/*.sh"));
  const job = drill.jobs.drill;
  assert.equal(job.needs, "lint");
  assert.match(job.strategy.matrix.stack, /\["staging", "production"\]/);
  assert.equal(job.environment, "${{ matrix.stack }}-restore-drill");
  assert.match(job["runs-on"], /vars\.DEPLOY_RUNNER_PRODUCTION/);
  assert.equal(job.permissions["id-token"], "write");
  const aws = job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
  assert.match(aws.with["role-to-assume"], /AWS_RESTORE_DRILL_ROLE_ARN/);
  const run = job.steps.find((s) => s.run?.includes("tools/restore-drill/drill.sh"));
  assert.equal(run.run, 'tools/restore-drill/drill.sh "$STACK"', "the stack reaches the script as data, not as code");
  assert.equal(run.env.STACK, "${{ matrix.stack }}");
  assert.ok(job.steps.some((s) => s.run?.includes("tools/pg-client/install.sh")), "psql 17, as in ./mvnw verify");
});

test("image scan: Trivy pinned by commit, HIGH and CRITICAL fail, the ignore file, weekly and before every deployment", () => {
  const scan = workflow("image-scan.yml");
  assert.ok("workflow_call" in scan.on, "deploy.yml calls it");
  assert.deepEqual(scan.on.schedule, [{ cron: "0 6 * * 1" }]);
  assert.deepEqual(scan.jobs.scan.strategy.matrix.stack, ["staging", "production"]);
  const image = scan.jobs.scan.steps.find((s) => s.id === "image");
  assert.match(image.run, /node tools\/ci-check\/app-images\.mjs "\$STACK"/);
  const trivy = scan.jobs.scan.steps.find((s) => s.uses?.startsWith("aquasecurity/trivy-action@"));
  assert.match(trivy.uses, /^aquasecurity\/trivy-action@[0-9a-f]{40}$/, "a full commit SHA, not a movable tag");
  assert.equal(trivy.with["image-ref"], "${{ steps.image.outputs.ref }}");
  assert.equal(trivy.with.severity, "HIGH,CRITICAL");
  assert.equal(trivy.with["exit-code"], "1");
  assert.equal(trivy.with.trivyignores, ".trivyignore");
  const deploy = workflow("deploy.yml");
  assert.equal(deploy.jobs["image-scan"].uses, "./.github/workflows/image-scan.yml");
  assert.ok(deploy.jobs.staging.needs.includes("image-scan"), "staging waits for the scan; production waits for staging");
  assert.ok(deploy.jobs.production.needs.includes("staging"));
});


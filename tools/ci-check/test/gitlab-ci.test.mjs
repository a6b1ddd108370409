// .gitlab-ci.yml against GitLab's published CI schema (schema/gitlab-ci.json, see schema/SOURCE.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gitlabCiErrors, parseGitlabCi } from "../lib/gitlab.mjs";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const text = readFileSync(`${root}/.gitlab-ci.yml`, "utf8");
const config = parseGitlabCi(text);

test("the schema is GitLab's file, unchanged (checksum of schema/SOURCE.md)", () => {
  const schema = readFileSync(fileURLToPath(new URL("../schema/gitlab-ci.json", import.meta.url)));
  assert.equal(createHash("sha256").update(schema).digest("hex"), "68fe6fb2b2db887afc71ed369ee0b4099546e2e813128871beac87983b9cbc02");
});

test(".gitlab-ci.yml is valid against GitLab's CI schema", () => {
  assert.deepEqual(gitlabCiErrors(text), []);
});

test("the schema rejects a misspelt job key and an unknown `when`", () => {
  const errors = gitlabCiErrors("build:\n  scripts: [make]\ntest:\n  script: [make test]\n  when: sometimes\n");
  assert.ok(errors.some((e) => e.includes("(scripts)")), errors.join("\n"));
  assert.ok(errors.some((e) => e.startsWith("/test/when")), errors.join("\n"));
});

test("!reference tags parse as the sequences GitLab resolves", () => {
  assert.deepEqual(parseGitlabCi("a:\n  script: !reference [.b, script]\n").a.script, [".b", "script"]);
});

test("merge requests get the review beside the suite and one note after both, whatever they did", () => {
  assert.deepEqual(config.review.rules, [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
  assert.deepEqual(config.review.needs, [], "the review does not wait for the suite");
  assert.ok(config.review.script.some((line) => line.includes("./platform review --base \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\"")));
  assert.ok(config.review.script.some((line) => line.startsWith("tools/ci/run-step.sh build review ")));
  assert.ok(config.build.script.some((line) => line.startsWith("tools/ci/run-step.sh suite ci-logs ./mvnw -B verify")));
  assert.equal(config.build.artifacts.when, "always");
  const comment = config["review:comment"];
  assert.equal(comment.when, "always");
  assert.deepEqual(comment.needs.map((n) => n.job).sort(), ["build", "review"]);
  assert.deepEqual(comment.script, ["node tools/ci/gitlab-note.mjs review ci-logs"]);
});

test("production is a manual job after staging; drift per stack", () => {
  const production = config["deploy:production"];
  assert.equal(production.rules[0].when, "manual");
  assert.equal(production.environment.name, "production");
  assert.ok(production.needs.includes("deploy:staging"));
  assert.equal(config[".deploy"].resource_group, "pulumi-$STACK");
  assert.ok(config[".deploy"].script.some((line) => line.includes("tools/ci/health-check.sh")));
  for (const stack of ["staging", "production"]) {
    assert.ok(config[`drift:${stack}`], `drift job for ${stack}`);
  }
  assert.ok(config[".drift"].script.some((line) => line.includes("--refresh --expect-no-changes")));
});

test("a schedule with SCHEDULED_JOB=restore-drill runs the drill per stack and not the drift check", () => {
  const drift = config[".drift"].rules.map((r) => r.if);
  assert.deepEqual(drift, ['$CI_PIPELINE_SOURCE == "schedule" && ($SCHEDULED_JOB == null || $SCHEDULED_JOB == "drift")']);
  const drill = config[".restore-drill"];
  assert.deepEqual(drill.rules, [{ if: '$CI_PIPELINE_SOURCE == "schedule" && $SCHEDULED_JOB == "restore-drill"' }]);
  assert.ok(drill.before_script.includes("shellcheck tools/restore-drill/*.sh"), "the scripts are shellchecked first");
  assert.ok(drill.script.some((line) => line.includes('tools/restore-drill/drill.sh "$STACK"')));
  assert.equal(drill.environment.name, "$STACK-restore-drill", "role and client range come from the stack's drill environment");
  assert.equal(drill.id_tokens.AWS_ID_TOKEN.aud, "sts.amazonaws.com");
  for (const stack of ["staging", "production"]) {
    const job = config[`restore-drill:${stack}`];
    assert.equal(job.extends, ".restore-drill");
    assert.deepEqual(job.variables, { STACK: stack, AWS_ROLE_ARN: "$AWS_RESTORE_DRILL_ROLE_ARN" });
  }
});

test("image scan: Trivy's image pinned by digest on each stack's image before staging deploys, weekly by schedule", () => {
  const scan = config[".image-scan"];
  assert.match(scan.image.name, /^aquasec\/trivy:[0-9.]+@sha256:[0-9a-f]{64}$/);
  assert.ok(scan.script.some((line) => line.includes("trivy image --exit-code 1 --severity HIGH,CRITICAL --ignorefile .trivyignore")));
  assert.deepEqual(scan.needs, ["image-scan:images"]);
  assert.ok(config["image-scan:images"].script.some((line) => line.includes("app-images.mjs --dotenv staging production")));
  assert.equal(config["image-scan:images"].artifacts.reports.dotenv, "app-images.env");
  assert.deepEqual(config["image-scan:staging"].variables, { STACK: "staging" });
  assert.deepEqual(config["image-scan:production"].variables, { STACK: "production" });
  const rules = config[".image-scan-rules"].rules.map((r) => r.if);
  assert.ok(rules.includes('$CI_PIPELINE_SOURCE == "schedule" && $SCHEDULED_JOB == "image-scan"'));
  const needs = config["deploy:staging"].needs;
  assert.ok(needs.includes("image-scan:staging") && needs.includes("image-scan:production"));
});


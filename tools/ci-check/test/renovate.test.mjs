// renovate.json's custom managers run against this repository's real files: each one must find exactly the
// dependencies it is there for, so a reformatted Charts.java or stack file that a manager no longer matches fails
// here instead of silently ending its updates. Renovate evaluates these patterns with RE2, which accepts the
// subset of JavaScript syntax used here (named groups, classes, no look-around or back-references).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const config = JSON.parse(readFileSync(`${root}/renovate.json`, "utf8"));
const files = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).trim().split("\n");

function slashRegex(pattern) {
  assert.match(pattern, /^\/.+\/$/, `managerFilePatterns entry ${pattern} must be a /regex/`);
  return new RegExp(pattern.slice(1, -1));
}

/** What one custom manager extracts from the repository: "file: depName currentValue" lines. */
function extract(manager) {
  const patterns = manager.managerFilePatterns.map(slashRegex);
  const found = [];
  for (const file of files.filter((f) => patterns.some((p) => p.test(f)))) {
    const text = readFileSync(`${root}/${file}`, "utf8");
    for (const matchString of manager.matchStrings) {
      assert.doesNotMatch(matchString, /\(\?[=!<][^a-zA-Z]|\\[1-9]/, "RE2 has no look-around or back-references");
      for (const m of text.matchAll(new RegExp(matchString, "g"))) {
        const dep = m.groups.depName ?? manager.depNameTemplate;
        found.push(`${file}: ${dep} ${m.groups.currentValue}${m.groups.registryUrl ? ` @ ${m.groups.registryUrl}` : ""}`);
      }
    }
  }
  return found.sort();
}

const manager = (start) => config.customManagers.find((m) => m.description.startsWith(start));
const charts = "src/main/java/com/featureapi/platform/kubernetes/Charts.java";

test("every enabled ecosystem is one the repository pins", () => {
  assert.deepEqual(config.enabledManagers, ["maven", "npm", "github-actions", "gitlabci", "helm-values", "custom.regex"]);
  for (const lock of ["policies/package-lock.json", "tools/ci-check/package-lock.json", "tools/promql-check/package-lock.json", "pom.xml"]) {
    assert.ok(files.includes(lock), `${lock} is tracked`);
  }
});

test("the Helm chart manager finds every remote chart of Charts.java with its repository and version", () => {
  const source = readFileSync(`${root}/${charts}`, "utf8");
  const declared = [...source.matchAll(/^\s+[A-Z_]+\("([a-z0-9-]+)", "(https:[^"]+)", "([^"]+)"/gm)].map((m) => `${charts}: ${m[1]} ${m[3]} @ ${m[2]}`);
  assert.ok(declared.length >= 7, `remote charts in Charts.java: ${declared.length}`);
  assert.deepEqual(extract(manager("Helm charts of the add-ons")), declared.sort());
  assert.ok(!extract(manager("Helm charts of the add-ons")).some((d) => d.includes("feature-api")), "the local chart is not looked up");
});

test("the image managers find the Java-pinned images and the cluster-autoscaler tag", () => {
  const images = extract(manager("Container images pinned as Java string constants"));
  assert.ok(images.some((d) => /Charts\.java: velero\/velero-plugin-for-aws v\d/.test(d)), images.join("\n"));
  assert.ok(images.some((d) => /Backups\.java: amazon\/aws-cli \d/.test(d)), images.join("\n"));
  assert.ok(images.some((d) => /Charts\.java: ghcr\.io\/open-telemetry\/opentelemetry-collector-releases\/opentelemetry-collector-k8s \d/.test(d)), images.join("\n"));
  assert.ok(images.some((d) => /Charts\.java: grafana\/tempo \d/.test(d)), images.join("\n"));
  assert.deepEqual(extract(manager("cluster-autoscaler image tag")).map((d) => d.replace(/ v[0-9.]+$/, "")),
    [`${charts}: registry.k8s.io/autoscaling/cluster-autoscaler`]);
});

test("the application image of every stack, and the Pulumi CLI everywhere it is pinned", () => {
  const apps = extract(manager("The application image each stack deploys"));
  // Every stack file the repository has, once each: a pull request that adds a stack must not fail here.
  const stacks = files.filter((f) => /^Pulumi\.[^./]+\.yaml$/.test(f)).sort();
  assert.ok(stacks.length >= 2, `stack files: ${stacks.join(", ")}`);
  assert.deepEqual(apps.map((d) => d.split(":")[0]), stacks);
  const cli = extract(manager("The Pulumi CLI pinned"));
  const pinned = files.filter((f) => /^\.github\/workflows\/|^\.gitlab-ci\.yml$/.test(f))
    .flatMap((f) => [...readFileSync(`${root}/${f}`, "utf8").matchAll(/pulumi-version: |PULUMI_VERSION: /g)].map(() => f));
  assert.equal(cli.length, pinned.length, `every pin of the CLI is found:\n${cli.join("\n")}`);
  assert.equal(new Set(cli.map((d) => d.split(" ").pop())).size, 1, "one CLI version everywhere");
});

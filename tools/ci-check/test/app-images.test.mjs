// The image the scans check is the image the stack deploys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { appImage } from "../lib/app-images.mjs";

const cli = fileURLToPath(new URL("../app-images.mjs", import.meta.url));
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });

test("reads platform:app.image of each live stack file", () => {
  const result = run("staging", "production");
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.trim().split("\n");
  assert.equal(lines.length, 2);
  for (const line of lines) assert.match(line, /^[a-z0-9.\-\/]+:[A-Za-z0-9_.\-]+$/);
});

test("--dotenv names one variable per stack for GitLab's dotenv report", () => {
  const result = run("--dotenv", "staging", "production");
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^APP_IMAGE_STAGING=\S+:\S+\nAPP_IMAGE_PRODUCTION=\S+:\S+\n$/);
});

test("the flow-style mapping of the stack files, and a block mapping, give repository:tag", () => {
  const flow = 'config:\n  platform:app:\n    image: { repository: ghcr.io/acme/feature-api, tag: "1.4.2" }\n';
  assert.equal(appImage(flow, "Pulumi.x.yaml"), "ghcr.io/acme/feature-api:1.4.2");
  const block = "config:\n  platform:app:\n    image:\n      repository: registry.example.com/api\n      tag: 2026.12.01-3\n";
  assert.equal(appImage(block, "Pulumi.x.yaml"), "registry.example.com/api:2026.12.01-3");
});

test("no image, no repository, latest or an empty tag stop with the file and the key", () => {
  assert.throws(() => appImage("config:\n  platform:app: {}\n", "Pulumi.qa.yaml"),
    { message: "Pulumi.qa.yaml: platform:app.image is missing: set { repository: ..., tag: ... }" });
  assert.throws(() => appImage("config:\n  platform:app:\n    image: { tag: '1' }\n", "Pulumi.qa.yaml"),
    { message: "Pulumi.qa.yaml: platform:app.image.repository is missing" });
  assert.throws(() => appImage("config:\n  platform:app:\n    image: { repository: r, tag: latest }\n", "Pulumi.qa.yaml"),
    { message: 'Pulumi.qa.yaml: platform:app.image.tag = "latest": pin a version (the scan must see what is deployed)' });
  assert.throws(() => appImage("config:\n  platform:app:\n    image: { repository: r, tag: 1.0 }\n", "Pulumi.qa.yaml"),
    { message: "Pulumi.qa.yaml: platform:app.image.tag = 1: pin a version (the scan must see what is deployed)" });
  const missing = run("qa");
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /app-images: ENOENT: no such file or directory, open '.*Pulumi\.qa\.yaml'/);
});

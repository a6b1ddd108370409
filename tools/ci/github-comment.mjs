#!/usr/bin/env node
// Keeps ONE review comment on a pull request (review-comment.yml) and adds a short one that notifies when a push
// makes risk rise. Usage: node github-comment.mjs ARTIFACTS_DIR
// ARTIFACTS_DIR holds the review run's artifacts: review/ (pr-number, review.md, exit codes, logs), suite/,
// preview-<stack>/. Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL (set by Actions), HEAD_SHA and
// RUN_URL (of the review run), REVIEW_BOT_LOGIN (default github-actions[bot], the login GITHUB_TOKEN posts as).
// Exit codes: 0 posted (or nothing to post), 1 the API failed after retries.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { compose, minimal, notice, readRun, request, risen, MARKER } from "./review-comment.mjs";

const [dir = "artifacts"] = process.argv.slice(2);
const api = process.env.GITHUB_API_URL ?? "https://api.github.com";
const repo = process.env.GITHUB_REPOSITORY;
const headSha = process.env.HEAD_SHA ?? "";
const runUrl = process.env.RUN_URL ?? "";
const bot = process.env.REVIEW_BOT_LOGIN ?? "github-actions[bot]";

async function github(method, path, body) {
  const response = await request(`${api}/repos/${repo}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${process.env.GITHUB_TOKEN}`,
      Accept: "application/vnd.github+json",
      "X-GitHub-Api-Version": "2022-11-28",
      "Content-Type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response;
}

async function json(method, path, body) {
  const response = await github(method, path, body);
  if (!response.ok) throw new Error(`GitHub ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Creates or updates; a 422 (the body is too large or invalid) is retried once with the minimal body. */
async function write(method, path, body) {
  let response = await github(method, path, { body });
  if (response.status === 422) {
    console.log(`github-comment: ${method} ${path} refused (422: ${(await response.text()).slice(0, 200)}); posting the short form`);
    response = await github(method, path, { body: minimal(body, runUrl) });
  }
  if (!response.ok) throw new Error(`GitHub ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function main() {
  // The artifact comes from code we did not review: trust nothing but a plain number.
  const prFile = join(dir, "review", "pr-number");
  const prText = existsSync(prFile) ? readFileSync(prFile, "utf8").trim() : "";
  if (!/^[0-9]{1,9}$/.test(prText)) {
    console.log(`github-comment: no pull request number in the review artifact (${JSON.stringify(prText)}); nothing to post`);
    return;
  }
  const pr = Number(prText);
  // Only a pull request whose head is the commit this run reviewed may be commented on.
  const pull = await json("GET", `/pulls/${pr}`);
  if (pull.head.sha !== headSha) {
    console.log(`github-comment: pull request #${pr} has moved on to ${pull.head.sha}; a newer run will post`);
    return;
  }
  const body = compose(readRun(join(dir, "review"), { suiteDir: join(dir, "suite"), previewsDir: dir }), { headSha, runUrl });
  const comments = [];
  for (let page = 1; ; page++) {
    const batch = await json("GET", `/issues/${pr}/comments?per_page=100&page=${page}`);
    comments.push(...batch);
    if (batch.length < 100) break;
  }
  // Ours: the marker AND the bot's own login, so nobody can take the comment over by quoting the marker.
  const mine = comments.find((c) => c.user?.login === bot && c.body?.startsWith(MARKER));
  let sticky;
  if (mine) {
    sticky = await write("PATCH", `/issues/comments/${mine.id}`, body);
    console.log(`github-comment: updated ${sticky.html_url}`);
  } else {
    sticky = await write("POST", `/issues/${pr}/comments`, body);
    console.log(`github-comment: created ${sticky.html_url}`);
  }
  const lines = risen(mine?.body, body);
  if (lines.length > 0) {
    const created = await write("POST", `/issues/${pr}/comments`, notice(lines, { headSha, stickyUrl: sticky.html_url }));
    console.log(`github-comment: risk rose (${lines.length}); notified in ${created.html_url}`);
  }
}

main().catch((e) => {
  console.error(`github-comment: ${e.message}`);
  process.exit(1);
});

#!/usr/bin/env node
// Keeps ONE note with the platform review on the merge request, updated in place, and adds a short note that
// notifies when a push makes risk rise (job `review:comment`, after `review` and `build`, whatever they did).
// Usage: node gitlab-note.mjs REVIEW_DIR SUITE_DIR   (the `review` job's review/ and the `build` job's ci-logs/)
// Ours is the note that starts with the marker AND was written by the token's own user: anyone can quote the
// marker, nobody else posts as the review token.
import { compose, minimal, notice, readRun, risen, MARKER } from "./review-comment.mjs";
import { all, call, callRoot, configured } from "./gitlab-api.mjs";

const [dir = "review", suiteDir = "ci-logs"] = process.argv.slice(2);
const mr = process.env.CI_MERGE_REQUEST_IID;
const headSha = process.env.CI_COMMIT_SHA ?? "";
const runUrl = process.env.CI_PIPELINE_URL ?? process.env.CI_JOB_URL ?? "";

async function write(method, path, body) {
  try {
    return await call(method, path, { body });
  } catch (e) {
    if (e.status !== 422 && e.status !== 413 && e.status !== 400) throw e;
    console.log(`gitlab-note: ${method} ${path} refused (${e.status}); posting the short form`);
    return call(method, path, { body: minimal(body, runUrl) });
  }
}

async function main() {
  if (!mr || !configured()) return;
  const body = compose(readRun(dir, { suiteDir, previewsDir: "." }), { headSha, runUrl });
  const me = await callRoot("GET", "/user");
  const notes = await all(`/merge_requests/${mr}/notes?sort=asc`);
  const mine = notes.find((n) => !n.system && n.author?.id === me.id && n.body?.startsWith(MARKER));
  if (mine) {
    await write("PUT", `/merge_requests/${mr}/notes/${mine.id}`, body);
    console.log(`gitlab-note: updated note ${mine.id} on !${mr}`);
  } else {
    const created = await write("POST", `/merge_requests/${mr}/notes`, body);
    console.log(`gitlab-note: created note ${created.id} on !${mr}`);
  }
  const lines = risen(mine?.body, body);
  if (lines.length > 0) {
    const stickyUrl = `${process.env.CI_MERGE_REQUEST_PROJECT_URL ?? process.env.CI_PROJECT_URL}/-/merge_requests/${mr}#note_${mine.id}`;
    const created = await write("POST", `/merge_requests/${mr}/notes`, notice(lines, { headSha, stickyUrl }));
    console.log(`gitlab-note: risk rose (${lines.length}); notified in note ${created.id}`);
  }
}

main().catch((e) => {
  console.error(`gitlab-note: ${e.message}`);
  process.exit(1);
});

#!/usr/bin/env node
// Keeps ONE note with the platform review on the merge request: updates it in place when a note that
// starts with the marker exists, creates it otherwise. Usage: node gitlab-note.mjs REVIEW.md EXIT_CODE
import { existsSync, readFileSync } from "node:fs";
import { all, call, configured } from "./gitlab-api.mjs";

const [file, code = "0"] = process.argv.slice(2);
const mr = process.env.CI_MERGE_REQUEST_IID;
if (!mr || !configured()) process.exit(0);

const marker = "<!-- platform-review -->";
const limit = 900000; // GitLab's note limit is 1,000,000 characters
let review = existsSync(file) ? readFileSync(file, "utf8") : null;
let body = `${marker}\n`;
if (review === null) {
  body += `## Platform review\n\nThe review produced no report (exit code ${code}); see [the job](${process.env.CI_JOB_URL}).\n`;
} else {
  if (review.length > limit) review = review.slice(0, limit) + "\n\n… cut; the whole review is the job's artifact.\n";
  body += review;
  if (code !== "0") body += `\n> **The review's gates failed** (exit code ${code}): see [the job](${process.env.CI_JOB_URL}).\n`;
}
body += `\n<sub>commit ${(process.env.CI_COMMIT_SHA || "").slice(0, 12)} · [job](${process.env.CI_JOB_URL})</sub>\n`;

const notes = await all(`/merge_requests/${mr}/notes?sort=asc`);
const mine = notes.find((n) => !n.system && n.body.startsWith(marker));
if (mine) {
  await call("PUT", `/merge_requests/${mr}/notes/${mine.id}`, { body });
  console.log(`gitlab-note: updated note ${mine.id} on !${mr}`);
} else {
  const created = await call("POST", `/merge_requests/${mr}/notes`, { body });
  console.log(`gitlab-note: created note ${created.id} on !${mr}`);
}

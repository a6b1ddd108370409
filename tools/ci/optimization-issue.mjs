#!/usr/bin/env node
// The weekly optimization run (docs/cost.md, docs/ci.md): keeps ONE open issue per stack ("Cost optimization:
// <stack>", label `cost-optimization`, a hidden marker naming the stack) with `./platform cost --recommend`'s
// savings and the month's fixed cost against the budget. The issue is found by its marker (or its title) and its
// text replaced, so a run twice in a week leaves one issue, never a second one or a pile of comments.
// Usage: node optimization-issue.mjs github|gitlab STACK RECOMMEND.json RECOMMEND.md
// GitHub: GITHUB_TOKEN (issues: write), GITHUB_REPOSITORY, GITHUB_API_URL. GitLab: gitlab-api.mjs's token.
// RUN_URL links the run.
import { readFileSync } from "node:fs";
import { request } from "./review-comment.mjs";

export const LABEL = "cost-optimization";
/** GitHub refuses an issue body over 65,536 characters. */
const LIMIT = 60000;

export const titleOf = (stack) => `Cost optimization: ${stack}`;
export const markerOf = (stack) => `<!-- platform-optimization stack=${stack} -->`;

const usd = (n) => (n === null || n === undefined ? "unknown" : `$${Number(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** The issue's text: the budget line, the three largest savings in a sentence, then the whole Markdown report. */
export function compose(stack, report, markdown, { runUrl, date }) {
  const budget = report.budgetUsd === null ? "no budget set (platform:cost.monthlyBudgetUsd)"
    : `budget ${usd(report.budgetUsd)}: **${report.budgetVerdict}**`;
  const unpriced = report.unpricedLines > 0 ? ` + ${report.unpricedLines} unpriced line(s), so the total is unknown` : "";
  const top = report.recommendations.slice(0, 3)
    .map((r) => `${usd(r.savingsMonthlyUsd)}${r.estimate ? " (estimate)" : ""} ${r.kind} on \`${r.resource}\``).join("; ");
  let body = `${markerOf(stack)}\n`
    + `Weekly optimization run of ${date}${runUrl ? ` ([run](${runUrl}))` : ""}: the plan of \`${stack}\` costs `
    + `**${usd(report.fixedMonthlyUsd)} a month** fixed${unpriced}; ${budget}.\n\n`
    + (top ? `Largest savings: ${top}.\n\n` : "")
    + markdown;
  if (body.length > LIMIT) body = body.slice(0, LIMIT) + "\n\n… (cut to fit an issue; the run's artifact has the whole report)\n";
  return body;
}

const mine = (stack) => (issue, text) => (text ?? "").includes(markerOf(stack)) || issue.title === titleOf(stack);

async function github(stack, body) {
  const api = process.env.GITHUB_API_URL ?? "https://api.github.com";
  const repo = process.env.GITHUB_REPOSITORY;
  const call = async (method, path, payload) => {
    const response = await request(`${api}/repos/${repo}${path}`, {
      method,
      headers: { Authorization: `Bearer ${process.env.GITHUB_TOKEN}`, Accept: "application/vnd.github+json", "Content-Type": "application/json" },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    if (!response.ok) throw new Error(`GitHub ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const open = [];
  for (let page = 1; ; page++) {
    const batch = await call("GET", `/issues?state=open&labels=${LABEL}&per_page=100&page=${page}`);
    open.push(...batch.filter((i) => !i.pull_request));
    if (batch.length < 100) break;
  }
  const existing = open.find((i) => mine(stack)(i, i.body));
  if (existing) {
    await call("PATCH", `/issues/${existing.number}`, { title: titleOf(stack), body });
    return `updated #${existing.number}`;
  }
  const created = await call("POST", "/issues", { title: titleOf(stack), body, labels: [LABEL] });
  return `opened #${created.number}`;
}

async function gitlab(stack, body) {
  const { all, call, configured } = await import("./gitlab-api.mjs");
  if (!configured()) return "nothing posted";
  const open = await all(`/issues?state=opened&labels=${LABEL}`);
  const existing = open.find((i) => mine(stack)(i, i.description));
  if (existing) {
    await call("PUT", `/issues/${existing.iid}`, { title: titleOf(stack), description: body });
    return `updated #${existing.iid}`;
  }
  const created = await call("POST", "/issues", { title: titleOf(stack), description: body, labels: LABEL });
  return `opened #${created.iid}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [forge, stack, jsonFile, markdownFile] = process.argv.slice(2);
  if (!["github", "gitlab"].includes(forge) || !stack || !jsonFile || !markdownFile) {
    console.error("usage: node tools/ci/optimization-issue.mjs github|gitlab STACK RECOMMEND.json RECOMMEND.md");
    process.exit(2);
  }
  const report = JSON.parse(readFileSync(jsonFile, "utf8"));
  if (report.stack !== stack) {
    console.error(`optimization: ${jsonFile} is the report of stack ${report.stack}, not ${stack}`);
    process.exit(2);
  }
  const body = compose(stack, report, readFileSync(markdownFile, "utf8"), { runUrl: process.env.RUN_URL, date: new Date().toISOString().slice(0, 10) });
  try {
    console.log(`optimization ${stack}: ${await (forge === "github" ? github : gitlab)(stack, body)}`);
  } catch (e) {
    console.error(`optimization ${stack}: ${e.message}`);
    process.exit(1);
  }
}

// What the review comment says, for GitHub (github-comment.mjs) and GitLab (gitlab-note.mjs) alike: the sticky
// comment's body from what the review run left behind, and the short notice when a push makes risk rise.
//
// The run's directory (the `review` artifact) holds, each file optional:
//   review.md        the review within its budget (./platform review --comment)
//   exit-code        ./platform review's exit code
//   build.exit/.log  the jar build step (tools/ci/run-step.sh), review.exit/.log the plan and review step
// and, beside it, a `suite` directory with suite.exit/.log (./mvnw verify, a job of its own) and `preview-<stack>`
// directories with <stack>.txt (real previews).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const MARKER = "<!-- platform-review -->";
export const ALERT_MARKER = "<!-- platform-review-alert -->";
export const STATE_MARKER = "<!-- platform-review-state ";
/** GitHub refuses a comment over 65,536 characters; GitLab allows more, and the same budget keeps one behaviour. */
export const LIMIT = 65536;
const BUDGET = LIMIT - 536;
const TAIL_LINES = 40;
const TAIL_CHARS = 4000;

const read = (path) => (existsSync(path) ? readFileSync(path, "utf8") : null);

/** The last lines of a log, without terminal colours, at most TAIL_CHARS. */
export function tail(text) {
  if (!text) return "(no output)";
  // eslint-disable-next-line no-control-regex
  const lines = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "").trimEnd().split("\n").slice(-TAIL_LINES);
  let result = lines.join("\n");
  if (result.length > TAIL_CHARS) result = "…" + result.slice(-TAIL_CHARS);
  return result;
}

const STEPS = {
  build: "build (`./mvnw -DskipTests package`)",
  review: "plan (`./platform review`)",
  suite: "test suite (`./mvnw verify`)",
};

/** What the run left: the review, its exit code, the steps that failed with their log tails, the previews. */
export function readRun(dir, { suiteDir = join(dir, "..", "suite"), previewsDir = join(dir, "..") } = {}) {
  const failures = [];
  const stepFailed = (name, base) => {
    const code = (read(join(base, `${name}.exit`)) ?? "").trim();
    if (code !== "" && code !== "0") failures.push({ step: name, title: STEPS[name], code, tail: tail(read(join(base, `${name}.log`))) });
  };
  stepFailed("build", dir);
  const review = read(join(dir, "review.md"));
  if (review === null) stepFailed("review", dir);
  stepFailed("suite", suiteDir);
  const previews = [];
  for (const name of existsSync(previewsDir) ? readdirSync(previewsDir).sort() : []) {
    if (!name.startsWith("preview-")) continue;
    const stack = name.slice("preview-".length);
    previews.push({ stack, text: read(join(previewsDir, name, `${stack}.txt`)) ?? "(no output)" });
  }
  return {
    review,
    exitCode: (read(join(dir, "exit-code")) ?? "").trim(),
    failures,
    suiteReported: existsSync(join(suiteDir, "suite.exit")),
    previews,
  };
}

/** The state the review wrote into its Markdown, plus the failed steps; empty lists when there is none. */
export function stateOf(body) {
  const empty = { failedGates: [], dataAtRisk: [], failedSteps: [] };
  if (!body) return empty;
  const start = body.indexOf(STATE_MARKER);
  if (start < 0) return empty;
  const end = body.indexOf(" -->", start);
  try {
    return { ...empty, ...JSON.parse(body.slice(start + STATE_MARKER.length, end)) };
  } catch {
    return empty;
  }
}

function failureBlock(f, sha) {
  const fence = f.tail.includes("```") ? "~~~~" : "```";
  return `> [!CAUTION]\n> **The ${f.title} step failed** (exit code ${f.code}) on commit \`${sha.slice(0, 12)}\`.\n\n`
    + `<details open><summary>last lines of ${f.step}</summary>\n\n${fence}text\n${f.tail}\n${fence}\n</details>\n\n`;
}

function previewBlock(stack, text) {
  return `\n<details><summary>pulumi preview: ${stack}</summary>\n\n\`\`\`\n${text.replaceAll("```", "'''")}\n\`\`\`\n</details>\n`;
}

/**
 * The sticky comment: failed steps first (with the head commit and their log tails), then the review (when the
 * run produced one), the previews as far as they fit, the footer and the state. Never over BUDGET characters and
 * never cut inside a block: a preview keeps its last lines inside its own fence, or is left out with a line saying so.
 */
export function compose(run, { headSha, runUrl }) {
  const sha = headSha ?? "";
  let body = `${MARKER}\n`;
  if (run.failures.length > 0 && run.review === null) {
    body += `## Platform review: \`${sha.slice(0, 12)}\` was not reviewed\n\n`;
  }
  for (const f of run.failures) body += failureBlock(f, sha);
  let review = run.review ?? "";
  if (review && run.exitCode !== "" && run.exitCode !== "0") {
    review += `\n> **The review's gates failed** (exit code ${run.exitCode}): see [the run](${runUrl}).\n`;
  }
  const state = stateOf(review);
  state.failedSteps = run.failures.map((f) => f.step);
  const footer = `\n<sub>commit ${sha.slice(0, 12)} · [run](${runUrl}) · the full report: the run's job summary and its \`review\` artifact`
    + `${run.suiteReported ? "" : " · the test suite had not reported"}</sub>\n`
    + `${STATE_MARKER}${JSON.stringify(state).replaceAll("--", "- -")} -->\n`;
  review = review.split("\n").filter((line) => !line.startsWith(STATE_MARKER)).join("\n");
  if ((body + review + footer).length > BUDGET) {
    // The Java side keeps its review within 50,000 characters; a review that is larger anyway (an older jar) is
    // replaced whole, never cut.
    review = `The review is ${review.length.toLocaleString("en")} characters, more than a comment holds: read it in [the run](${runUrl}).\n`;
  }
  body += review;
  for (const p of run.previews) {
    const room = BUDGET - body.length - footer.length - previewBlock(p.stack, "").length - 200;
    if (room < 500) {
      body += `\n_pulumi preview: ${p.stack}: left out for size; it is in [the run](${runUrl})._\n`;
      continue;
    }
    const text = p.text.length > Math.min(room, 20000) ? "…" + p.text.slice(-Math.min(room, 20000)) : p.text;
    body += previewBlock(p.stack, text);
  }
  return body + footer;
}

/** What got worse since the previous review: gates and steps now failing, data newly at risk; [] when nothing. */
export function risen(previousBody, body) {
  // The first comment notifies by itself; a comment without a state (an older script's) cannot be compared.
  if (!previousBody || !previousBody.includes(STATE_MARKER)) return [];
  const before = stateOf(previousBody);
  const after = stateOf(body);
  const lines = [];
  for (const gate of after.failedGates) if (!before.failedGates.includes(gate)) lines.push(`the gate "${gate}" now fails`);
  for (const step of after.failedSteps) if (!before.failedSteps.includes(step)) lines.push(`the ${STEPS[step] ?? step} step now fails`);
  for (const risk of after.dataAtRisk) if (!before.dataAtRisk.includes(risk)) lines.push(`data at risk: ${risk}`);
  return lines;
}

/** The short comment that notifies (an edited comment notifies no one). */
export function notice(lines, { headSha, stickyUrl }) {
  return `${ALERT_MARKER}\n**Platform review of \`${(headSha ?? "").slice(0, 12)}\`: risk rose since the previous push.**\n\n`
    + lines.map((l) => `- ${l}`).join("\n")
    + `\n\nThe details are in [the review comment](${stickyUrl}), updated in place.\n`;
}

/** A comment small enough for any forge, for when the full one is refused (422): failures, summary, link. */
export function minimal(body, runUrl) {
  const cut = body.indexOf("\n## Stack ");
  const head = cut > 0 && cut < BUDGET / 4 ? body.slice(0, cut) : body.slice(0, body.indexOf("\n", 200) > 0 ? body.indexOf("\n", 200) : 200);
  const stateStart = body.indexOf(STATE_MARKER);
  const state = stateStart >= 0 ? body.slice(stateStart) : "";
  return `${head}\n\n_The whole comment was refused by the forge as too large; the full review is in [the run](${runUrl})._\n${state}`;
}

/**
 * fetch with a timeout and retries for what a retry can fix (a 5xx, a network error, a timeout); a 4xx is returned
 * to the caller. REVIEW_HTTP_TIMEOUT_MS and REVIEW_RETRY_DELAY_MS shorten both in tests.
 */
export async function request(url, init, { attempts = 3 } = {}) {
  const timeout = Number(process.env.REVIEW_HTTP_TIMEOUT_MS ?? 30000);
  const delay = Number(process.env.REVIEW_RETRY_DELAY_MS ?? 2000);
  let last;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeout) });
      if (response.status < 500) return response;
      last = new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
    } catch (e) {
      last = new Error(`${init.method ?? "GET"} ${url}: ${e.name === "TimeoutError" ? `no answer within ${timeout} ms` : e.message}`);
    }
    if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delay * attempt));
  }
  throw last;
}

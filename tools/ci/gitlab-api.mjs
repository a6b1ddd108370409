// The few GitLab REST calls the pipeline makes, with the project access token of docs/ci.md
// (GITLAB_REVIEW_TOKEN: role Reporter, scope `api`). CI_JOB_TOKEN cannot write notes or issues.
// A 5xx, a network error or a timeout is retried (review-comment.mjs `request`); a 4xx fails at once.
import { request } from "./review-comment.mjs";

const api = process.env.CI_API_V4_URL;
const project = process.env.CI_PROJECT_ID;
const token = process.env.GITLAB_REVIEW_TOKEN;

export function configured() {
  const missing = ["CI_API_V4_URL", "CI_PROJECT_ID", "GITLAB_REVIEW_TOKEN"].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.error(`gitlab: ${missing.join(", ")} not set; nothing posted (docs/ci.md, "GitLab", explains the token)`);
    return false;
  }
  return true;
}

/** A call on the API's root (`/user`), not under the project. */
export async function callRoot(method, path, body) {
  const response = await request(`${api}${path}`, {
    method,
    headers: { "PRIVATE-TOKEN": token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = new Error(`GitLab ${method} ${path}: ${response.status} ${await response.text()}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

export function call(method, path, body) {
  return callRoot(method, `/projects/${encodeURIComponent(project)}${path}`, body);
}

/** Every page of a list endpoint. */
export async function all(path) {
  const items = [];
  for (let page = 1; ; page++) {
    const batch = await call("GET", `${path}${path.includes("?") ? "&" : "?"}per_page=100&page=${page}`);
    items.push(...batch);
    if (batch.length < 100) return items;
  }
}

// .gitlab-ci.yml against GitLab's published CI schema (schema/gitlab-ci.json) with ajv.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const schemaFile = fileURLToPath(new URL("../schema/gitlab-ci.json", import.meta.url));

// GitLab's YAML has one custom tag: `!reference [job, key]` (reuse of another job's section).
const referenceTag = { tag: "!reference", collection: "seq", resolve: (seq) => seq.toJSON() };

export function parseGitlabCi(text) {
  return parse(text, { customTags: [referenceTag], merge: true, maxAliasCount: -1 });
}

let validate;
function validator() {
  if (!validate) {
    // strict: false because GitLab's schema carries keywords ajv does not know (markdownDescription).
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
  }
  return validate;
}

/** The schema errors of a .gitlab-ci.yml text, as "path: message" lines; empty when it is valid. */
export function gitlabCiErrors(text) {
  const config = parseGitlabCi(text);
  const check = validator();
  if (check(config)) return [];
  return check.errors.map((e) => `${e.instancePath || "/"}: ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
}

// The application image a stack deploys (platform:app.image in Pulumi.<stack>.yaml), for the image scan that runs
// before each deployment and every week. Reads the same key the program reads; a missing key or a tag the program
// would refuse stops here with the file and the key, so a scan never silently checks nothing.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export function appImage(stackFileText, stackFile) {
  const config = parse(stackFileText)?.config ?? {};
  const image = config["platform:app"]?.image;
  const where = `${stackFile}: platform:app.image`;
  if (!image || typeof image !== "object") throw new Error(`${where} is missing: set { repository: ..., tag: ... }`);
  const { repository, tag } = image;
  if (typeof repository !== "string" || repository === "") throw new Error(`${where}.repository is missing`);
  if (typeof tag !== "string" || tag === "" || tag === "latest") {
    throw new Error(`${where}.tag = ${JSON.stringify(tag ?? null)}: pin a version (the scan must see what is deployed)`);
  }
  return `${repository}:${tag}`;
}

export function appImageOfStack(root, stack) {
  const file = `Pulumi.${stack}.yaml`;
  return appImage(readFileSync(`${root}/${file}`, "utf8"), file);
}

// Small readers for provider inputs: the AWS provider sends some nested booleans and numbers as
// strings ("true", "100"), IAM documents as JSON text, and tags as maps.

export function truthy(value: unknown): boolean {
    return value === true || value === "true";
}

export function falsy(value: unknown): boolean {
    return value === false || value === "false";
}

export function num(value: unknown): number | undefined {
    if (typeof value === "number") return value;
    if (typeof value === "string" && value.trim() !== "" && !isNaN(Number(value))) return Number(value);
    return undefined;
}

export function asArray<T = any>(value: unknown): T[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? (value as T[]) : [value as T];
}

/** A JSON document given as text (IAM, bucket and key policies) or already as an object. */
export function parseJson(value: unknown): any | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "object") return value;
    if (typeof value !== "string") return undefined;
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/** Whether a range counts as the internet, by the addresses it covers (lib/cidr.ts). */
export { isInternetCidr } from "./cidr";

/** Whether the port range [from, to] of protocol `protocol` covers `port` ("-1"/"all" covers everything). */
export function coversPort(protocol: unknown, from: unknown, to: unknown, port: number): boolean {
    const p = String(protocol ?? "").toLowerCase();
    if (p === "-1" || p === "all") return true;
    const f = num(from);
    const t = num(to);
    if (f === undefined || t === undefined) return false;
    if (f === -1 && t === -1) return true;
    return f <= port && port <= t;
}

export function allPorts(protocol: unknown, from: unknown, to: unknown): boolean {
    const p = String(protocol ?? "").toLowerCase();
    if (p === "-1" || p === "all") return true;
    const f = num(from);
    const t = num(to);
    return (f === 0 || f === -1) && (t === 65535 || t === -1);
}

export function portText(protocol: unknown, from: unknown, to: unknown): string {
    const p = String(protocol ?? "");
    if (p === "-1" || p === "all") return "all traffic";
    return num(from) === num(to) ? `${p} ${from}` : `${p} ${from}-${to}`;
}

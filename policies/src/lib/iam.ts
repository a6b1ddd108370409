// Reading IAM policy documents: statements, their actions and resources as lists, principals.
import { asArray, parseJson } from "./values";

export interface Statement {
    Sid?: string;
    Effect: string;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Principal?: any;
    Condition?: Record<string, Record<string, any>>;
}

export function statements(document: unknown): Statement[] {
    const doc = parseJson(document);
    if (!doc) return [];
    return asArray<Statement>(doc.Statement);
}

export function allows(document: unknown): Statement[] {
    return statements(document).filter((s) => s.Effect === "Allow");
}

export function actions(s: Statement): string[] {
    return asArray<string>(s.Action).map((a) => String(a));
}

export function resources(s: Statement): string[] {
    return asArray<string>(s.Resource).map((r) => String(r));
}

export function label(s: Statement, index: number): string {
    return s.Sid ? `statement "${s.Sid}"` : `statement ${index + 1}`;
}

/** Principal values of a statement, flattened ("*" for a wildcard principal). */
export function principals(s: Statement): string[] {
    const p = s.Principal;
    if (p === undefined) return [];
    if (p === "*") return ["*"];
    const out: string[] = [];
    for (const v of Object.values(p)) {
        out.push(...asArray<string>(v).map(String));
    }
    return out;
}

/** The values a condition sets on a key, whatever the operator (StringEquals, StringLike, ArnEquals, ...). */
export function conditionValues(s: Statement, key: string): string[] {
    const out: string[] = [];
    for (const operands of Object.values(s.Condition ?? {})) {
        for (const [k, v] of Object.entries(operands ?? {})) {
            if (k.toLowerCase() === key.toLowerCase()) out.push(...asArray<string>(v).map(String));
        }
    }
    return out;
}

/** Whether an action pattern matches any of the given actions (IAM wildcards, case-insensitive). */
export function actionMatches(pattern: string, action: string): boolean {
    const re = new RegExp("^" + pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$", "i");
    return re.test(action);
}

// Tags as AWS will apply them: the provider's default tags (its `defaultTags` input, JSON text as
// Pulumi sends provider inputs) merged under the resource's own `tags`.
import { parseJson } from "./values";

export function providerDefaultTags(providerProps: Record<string, any> | undefined): Record<string, string> {
    if (!providerProps) return {};
    const defaults = parseJson(providerProps.defaultTags);
    return (defaults && typeof defaults.tags === "object" && defaults.tags) || {};
}

export function effectiveTags(props: Record<string, any>, providerProps: Record<string, any> | undefined): Record<string, string> {
    return { ...providerDefaultTags(providerProps), ...((props.tags as Record<string, string>) ?? {}) };
}

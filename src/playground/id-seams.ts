/**
 * An action id (or `<file>:<id>`) cut where the browser may wrap it: after
 * `_`, `-`, `.`, `:` or `/`, and where a lower-case letter or digit meets a
 * capital (`checkHours`). A narrow trace column then breaks
 * `monitor_security` as `monitor_` / `security`, never `monit` / `or_security`.
 */
export function idSeams(id: string): string[] {
  return id.split(/(?<=[_\-.:/])(?=.)|(?<=[a-z0-9])(?=[A-Z])/);
}

/** Message keys cannot hold `-`: `keyOf("cat", "source-control")` → `cat_source_control`. */
export function keyOf(prefix: string, id: string): string {
  return `${prefix}_${id.replaceAll("-", "_")}`;
}

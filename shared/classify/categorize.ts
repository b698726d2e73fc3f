import type { Category } from "./categories.ts";
import {
  COMPRESSION_EXTENSIONS,
  COPY_ENDINGS,
  COPY_EXTENSIONS,
  COPY_RULE_ID,
  EXTENSION_RULES,
  type ExtensionRule,
  NAME_RULES,
  type NameRule,
  SOURCE_AS_TEXT,
} from "./rules.ts";
import { bitOf, bitsOf } from "./signal-bits.ts";
import { toNfc } from "./tokens.ts";

// Name → category, in this order: exact names, name patterns (only those registered for
// the name's last extension), left-behind copies (`.bak`, `~`), compression wrappers
// (`.sql.gz` is a database), then the extension table. Everything is precompiled.

/** A category with the signals its rule carries. */
export interface CategoryMatch {
  readonly category: Category;
  readonly bits: number;
  readonly rule: NameRule | ExtensionRule | null;
}

const byName = new Map<string, NameRule>();
const byExtension = new Map<string, NameRule[]>();
const extensions = new Map<string, ExtensionRule>();
const compression = new Set(COMPRESSION_EXTENSIONS);
const ruleBits = new Map<NameRule | ExtensionRule, number>();

for (const rule of NAME_RULES) {
  ruleBits.set(rule, bitsOf(rule.signals ?? []));
  for (const name of rule.names ?? []) if (!byName.has(name)) byName.set(name, rule);
  if (rule.pattern) {
    for (const ext of rule.when ?? []) {
      const list = byExtension.get(ext) ?? [];
      list.push(rule);
      byExtension.set(ext, list);
    }
  }
}
for (const rule of EXTENSION_RULES) {
  ruleBits.set(rule, bitsOf(rule.signals ?? []));
  for (const ext of rule.extensions) if (!extensions.has(ext)) extensions.set(ext, rule);
}

const OTHER: CategoryMatch = { category: "other", bits: 0, rule: null };
const BACKUP = bitOf("backup");
const DIGITS = /^\d+$/;
const copyExtensions = new Set(COPY_EXTENSIONS);
const sourceAsText = new Set(SOURCE_AS_TEXT);
const copyEndingLast = new Set(COPY_ENDINGS.map((ending) => ending.charAt(ending.length - 1)));

/** The name a left-behind copy was copied from, or null. @example originalOf("wp-config.php.bak") // "wp-config.php" */
export function originalOf(lower: string): string | null {
  const ext = lastExtension(lower);
  let original: string | null = null;
  if (copyExtensions.has(ext) || (ext === "txt" && sourceAsText.has(lastExtension(lower.slice(0, -4))))) {
    original = lower.slice(0, lower.length - ext.length - 1);
    // vim keeps `.wp-config.php.swp` for wp-config.php
    if ((ext === "swp" || ext === "swo") && original.startsWith(".") && original.indexOf(".", 1) > 0)
      original = original.slice(1);
  } else if (copyEndingLast.has(lower.charAt(lower.length - 1))) {
    const ending = COPY_ENDINGS.find((e) => lower.endsWith(e));
    if (ending) original = lower.slice(0, lower.length - ending.length);
  }
  return original ? original : null;
}

/** The last extension of a lower-case name: `""` for none or a bare dotfile, `"#"` for digits. @example lastExtension("access.log.1") // "#" */
export function lastExtension(lower: string): string {
  const dot = lower.lastIndexOf(".");
  if (dot <= 0 || dot === lower.length - 1) return "";
  const ext = lower.slice(dot + 1);
  return DIGITS.test(ext) ? "#" : ext;
}

function match(rule: NameRule | ExtensionRule, trace: Set<string> | undefined, extra = 0): CategoryMatch {
  trace?.add(rule.id);
  return { category: rule.category, bits: (ruleBits.get(rule) ?? 0) | extra, rule };
}

/** Category and rule signals of a lower-case NFC name (`categorize` is the public form). @example categorizeLower("dump.sql.gz").category // "database" */
export function categorizeLower(lower: string, trace?: Set<string>, depth = 0): CategoryMatch {
  const named = byName.get(lower);
  if (named) return match(named, trace);
  const ext = lastExtension(lower);
  for (const rule of byExtension.get(ext) ?? []) if (rule.pattern?.test(lower)) return match(rule, trace);
  if (depth < 2) {
    const original = originalOf(lower);
    if (original !== null) {
      const inner = categorizeLower(original, trace, depth + 1);
      const copyBits = inner.rule && "copySignals" in inner.rule ? bitsOf(inner.rule.copySignals ?? []) : 0;
      trace?.add(COPY_RULE_ID);
      return {
        category: inner.category === "other" ? "archive" : inner.category,
        bits: inner.bits | copyBits | BACKUP,
        rule: inner.rule,
      };
    }
    if (compression.has(ext)) {
      const inner = categorizeLower(lower.slice(0, lower.lastIndexOf(".")), trace, depth + 1);
      if (inner.category !== "other") return inner;
    }
  }
  const rule = extensions.get(ext);
  return rule ? match(rule, trace) : OTHER;
}

/**
 * The category of a file from its name (case-insensitive; `.sql.gz`, `.tar.gz`, dotfiles and `.bak` copies understood).
 * @example categorize("20130409-081200_+46701234567_inbound.wav") // "audio"
 */
export function categorize(name: string): Category {
  const trimmed = name.endsWith("/") ? name.slice(0, -1) : name;
  return categorizeLower(toNfc(trimmed).toLowerCase()).category;
}

/** Whether a lower-case extension (no dot) is in the extension table. @example isKnownExtension("wav") // true */
export function isKnownExtension(ext: string): boolean {
  return extensions.has(ext) || compression.has(ext);
}

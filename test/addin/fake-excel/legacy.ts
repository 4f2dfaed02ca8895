/**
 * The request journal in the shape of the earlier recording fake (test/addin/e2e/fake-excel.js):
 * {kind: "set", prop, ref, value} | {kind: "clear", ref, applyTo} | {kind: "call", name, …}. Kept so
 * tests written against them read the faithful fake without being rewritten at once.
 */
import { parseAddress } from "./addresses.js";
import type { FakeExcel } from "./index.js";

export interface LegacyRef {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export type LegacyOp =
  | { kind: "set"; prop: string; ref: LegacyRef; value: unknown; request: number }
  | { kind: "clear"; ref: LegacyRef; applyTo: string; request: number }
  | { kind: "call"; name: string; args: unknown[]; request: number; [key: string]: unknown };

function ref(target: string | undefined): LegacyRef {
  const parsed = target ? parseAddress(target) : null;
  return parsed ? { sheet: parsed.sheet as string, ...parsed.area } : { sheet: "", row: -1, col: -1, rows: 0, cols: 0 };
}

export function legacyOps(fake: FakeExcel): LegacyOp[] {
  const out: LegacyOp[] = [];
  let lastRule: {
    custom: { rule: { formula?: unknown }; format: { fill: { color?: unknown }; font: Record<string, unknown> } };
  } | null = null;
  for (const o of fake.journal()) {
    const request = o.request;
    const set = /^set Range\.(values|formulas|formulasR1C1|numberFormat)$/.exec(o.op);
    if (set) {
      out.push({ kind: "set", prop: set[1] as string, ref: ref(o.target), value: o.value, request });
      continue;
    }
    switch (o.op) {
      case "Range.clear":
        out.push({ kind: "clear", ref: ref(o.target), applyTo: String(o.value), request });
        break;
      case "tables.add":
        out.push({
          kind: "call",
          name: "tables.add",
          args: [ref(o.target), o.value],
          ref: ref(o.target),
          hasHeaders: o.value,
          request,
        });
        break;
      case "names.add": {
        const v = o.value as { name: string; comment: string };
        const r = ref(o.target);
        out.push({
          kind: "call",
          name: "names.add",
          args: [v.name, r, v.comment],
          item: v.name,
          comment: v.comment,
          sheet: r.sheet,
          ref: r,
          request,
        });
        break;
      }
      case "NamedItem.delete":
        out.push({ kind: "call", name: "names.delete", args: [o.target], request });
        break;
      case "worksheets.add":
        out.push({ kind: "call", name: "worksheets.add", args: [o.target], sheet: o.target, request });
        break;
      case "conditionalFormats.add":
        lastRule = { custom: { rule: {}, format: { fill: {}, font: {} } } };
        out.push({
          kind: "call",
          name: "conditionalFormats.add",
          args: [ref(o.target), o.value, lastRule],
          ref: ref(o.target),
          cf: lastRule,
          request,
        });
        break;
      case "set ConditionalFormat.rule.formula":
        if (lastRule) lastRule.custom.rule.formula = o.value;
        break;
      case "set ConditionalFormat.fill.color":
        if (lastRule) lastRule.custom.format.fill.color = o.value;
        break;
      case "set ConditionalFormat.font.color":
        if (lastRule) lastRule.custom.format.font.color = o.value;
        break;
      case "set ConditionalFormat.font.bold":
        if (lastRule) lastRule.custom.format.font.bold = o.value;
        break;
      case "conditionalFormats.clearAll":
        out.push({ kind: "call", name: "conditionalFormats.clearAll", args: [], request });
        break;
      case "Table.resize":
        out.push({
          kind: "call",
          name: "table.resize",
          args: [o.target, ref(String(o.value))],
          table: o.target,
          ref: ref(String(o.value)),
          request,
        });
        break;
      case "Table.delete":
        out.push({ kind: "call", name: "table.delete", args: [o.target], table: o.target, request });
        break;
      case "set Table.name":
        out.push({ kind: "call", name: "table.name", args: [o.target, o.value], table: o.target, to: o.value, request });
        break;
      case "freezePanes.freezeRows":
        out.push({ kind: "call", name: "freezeRows", args: [o.target, o.value], sheet: o.target, count: o.value, request });
        break;
      case "format.autofitColumns":
        out.push({ kind: "call", name: "autofitColumns", args: [ref(o.target)], ref: ref(o.target), request });
        break;
      case "Worksheet.activate":
        out.push({ kind: "call", name: "activate", args: [o.target], sheet: o.target, request });
        break;
      default:
        if (o.op.startsWith("load ") || o.op.endsWith(" lookup")) break;
        out.push({ kind: "call", name: o.op, args: o.value === undefined ? [] : [o.value], target: o.target, request });
    }
  }
  return out;
}

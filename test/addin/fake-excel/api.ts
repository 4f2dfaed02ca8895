/**
 * The Office.js side of the fake: proxy objects shaped like Excel's (Workbook, Worksheet, Range,
 * Table, settings, conditional formats, charts) that queue operations and read nothing until
 * `context.sync()`, as the real ones do. Rules enforced here (the workbook rules are in
 * workbook.ts):
 *
 * - A property read before `load` + `sync` throws PropertyNotLoaded. Office.js
 *   (office_strings.js, L_PropertyNotLoaded): "The property '{0}' is not available. Before reading
 *   the property's value, call the load method on the containing object and call "context.sync()"
 *   on the associated request context." `isNullObject` likewise: "You must call context.sync()
 *   before reading the isNullObject property" (OfficeExtension.ClientObject).
 * - Object look-ups (`getItem`, a range's address) are resolved when the request runs, not when
 *   the call is made: a missing item fails the `sync()`, and the operations queued before it in the
 *   same request have already been applied (Excel runs a request's operations in order and stops at
 *   the first failure).
 * - One request (everything queued between two syncs) over 5 MB fails whole with
 *   RequestPayloadSizeLimitExceeded ("Resource limits and performance optimization for Office
 *   Add-ins", Excel add-ins: "Excel on the web has a payload size limit for requests and responses
 *   of 5MB"; application-specific-api-error-handling: RequestPayloadSizeLimitExceeded, "The request
 *   payload size has exceeded the limit"); a response over 5 MB fails with
 *   ResponsePayloadSizeLimitExceeded.
 * - `application.suspendApiCalculationUntilNextSync()` (ExcelApi 1.6): "Suspends calculation until
 *   the next context.sync() is called": it covers the request it is queued in, and no other.
 *
 * Any member the fake does not model throws NotModelled when it is used.
 */
import { type Area, areaAddress, MAX_COLS, MAX_ROWS, parseAddress } from "./addresses.js";
import { FakeExcelError, notModelled } from "./errors.js";
import { ACTION_OVERHEAD_BYTES, payloadBytes } from "./payload.js";
import type { CfRule, ChartState, DefinedName, Sheet, Style, Table, Workbook } from "./workbook.js";

export interface Action {
  /** What the action is, for the request journal ("set values", "tables.add" …). */
  op: string;
  /** The address or name it applies to, filled in when it runs. */
  target?: string;
  /** Data sent with it (values, formats …), kept for tests. */
  value?: unknown;
  bytes: number;
  run(): void;
}

/** Where a request goes: the fake Excel (index.ts) runs the actions and records the request. */
export interface Host {
  readonly workbook: Workbook;
  execute(context: FakeRequestContext, actions: Action[], loads: LoadAction[]): Promise<void>;
}

/** A load: runs in order with the actions, its snapshot is delivered only when the request succeeds. */
export interface LoadAction extends Action {
  deliver(): void;
  responseBytes: number;
}

// ---------------------------------------------------------------------------------------------
// Strict proxies: reading or writing a member that is not modelled throws
// ---------------------------------------------------------------------------------------------

/** Names that tools probe on any object (await, expect, console): never an API call. */
const PROBES = new Set([
  "then",
  "toJSON",
  "constructor",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "tagName",
  "inspect",
  "toString",
  "valueOf",
  "_isMockFunction",
  "@@__IMMUTABLE_ITERABLE__@@",
  "@@__IMMUTABLE_RECORD__@@",
]);

function strict<T extends object>(target: T, kind: string): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === "symbol" || prop in t || prop.startsWith("_") || PROBES.has(prop))
        return Reflect.get(t, prop, receiver);
      throw notModelled(`${kind}.${prop}`);
    },
    set(t, prop, value, receiver) {
      if (typeof prop === "symbol" || prop.startsWith("_")) return Reflect.set(t, prop, value, receiver);
      let proto: object | null = t;
      while (proto) {
        const d = Object.getOwnPropertyDescriptor(proto, prop);
        if (d) {
          if (!d.set) throw new FakeExcelError("InvalidOperation", `${kind}.${prop} is read-only`);
          return Reflect.set(t, prop, value, receiver);
        }
        proto = Object.getPrototypeOf(proto);
      }
      throw notModelled(`setting ${kind}.${prop}`);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The request context and the base of every proxy
// ---------------------------------------------------------------------------------------------

export class FakeRequestContext {
  _workbook: WorkbookProxy;
  _actions: Action[] = [];
  _loads: LoadAction[] = [];
  /** Set by suspendApiCalculationUntilNextSync in the request being built. */
  _suspend = false;
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };

  constructor(readonly _host: Host) {
    this._workbook = new WorkbookProxy(this);
    // biome-ignore lint/correctness/noConstructorReturn: the context itself is strict too
    return strict(this, "RequestContext");
  }

  get workbook(): WorkbookProxy {
    return this._workbook;
  }

  get application(): ApplicationProxy {
    return this._workbook.application;
  }

  get _wb(): Workbook {
    return this._host.workbook;
  }

  _queue(action: Action): void {
    this._actions.push(action);
  }

  async sync(): Promise<void> {
    const actions = this._actions;
    const loads = this._loads;
    this._actions = [];
    this._loads = [];
    await this._host.execute(this, actions, loads);
  }
}

type LoadSpec = string | string[] | { select?: string | string[] } | undefined;

function loadPaths(spec: LoadSpec): string[] | null {
  if (spec === undefined) return null;
  const raw = typeof spec === "string" || Array.isArray(spec) ? spec : spec.select;
  if (raw === undefined) return null;
  const list = Array.isArray(raw) ? raw : raw.split(",");
  return list.map((p) => p.trim()).filter((p) => p !== "");
}

/** Navigation links objects of every kind. */
type AnyClientObject = ClientObject<any>;

abstract class ClientObject<E> {
  _loaded = new Map<string, unknown>();
  _set = new Map<string, unknown>();
  _entity: E | null | undefined = undefined;
  _nullChecked: boolean | undefined = undefined;
  _self: this;

  constructor(
    readonly _ctx: FakeRequestContext,
    readonly _kind: string,
    readonly _resolver: () => E | null,
    readonly _orNull = false,
  ) {
    this._self = strict(this, _kind);
    if (_orNull) {
      // The null check rides on the next request.
      const self = this;
      let isNull = false;
      const action: LoadAction = {
        op: `${_kind} lookup`,
        bytes: ACTION_OVERHEAD_BYTES,
        responseBytes: 8,
        run() {
          isNull = self._tryResolve() === null;
        },
        deliver() {
          self._nullChecked = isNull;
        },
      };
      _ctx._queue(action);
      _ctx._loads.push(action);
    }
    // biome-ignore lint/correctness/noConstructorReturn: every proxy is strict
    return this._self;
  }

  get context(): FakeRequestContext {
    return this._ctx;
  }

  get isNullObject(): boolean {
    if (!this._orNull) return false;
    if (this._nullChecked === undefined) {
      throw new FakeExcelError(
        "PropertyNotLoaded",
        "You must call context.sync() before reading the isNullObject property (OfficeExtension.ClientObject).",
      );
    }
    return this._nullChecked;
  }

  /** The entity, or null for a null object; resolved once, when the request runs. */
  _tryResolve(): E | null {
    if (this._entity === undefined) this._entity = this._resolver();
    return this._entity;
  }

  _resolve(): E {
    const e = this._tryResolve();
    if (e === null) {
      throw new FakeExcelError("InvalidOperation", `${this._kind} is a null object: check isNullObject before using it`);
    }
    return e;
  }

  /** Reads a property: loaded by a request, or set by this code; PropertyNotLoaded otherwise. */
  _read(name: string): unknown {
    if (this._loaded.has(name)) return this._loaded.get(name);
    if (this._set.has(name)) return this._set.get(name);
    throw new FakeExcelError(
      "PropertyNotLoaded",
      `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context. (${this._kind})`,
    );
  }

  /** Queues a property write; `apply` runs on the entity when the request runs. */
  _write(name: string, value: unknown, apply: (e: E) => void, data?: unknown, target?: () => string): void {
    this._set.set(name, value);
    const self = this;
    const action: Action = {
      op: `set ${this._kind}.${name}`,
      value: data ?? value,
      bytes: ACTION_OVERHEAD_BYTES + payloadBytes(data ?? value),
      run() {
        const e = self._resolve();
        if (target) action.target = target();
        apply(e);
      },
    };
    this._ctx._queue(action);
  }

  /** Queues a method call. */
  _call(op: string, apply: (e: E, action: Action) => void, args?: unknown, target?: () => string): void {
    const self = this;
    const action: Action = {
      op,
      value: args,
      bytes: ACTION_OVERHEAD_BYTES + payloadBytes(args),
      run() {
        const e = self._resolve();
        if (target) action.target = target();
        apply(e, action);
      },
    };
    this._ctx._queue(action);
  }

  /** Scalar properties `load()` can read, by name. */
  abstract _scalars(): Record<string, (e: E) => unknown>;
  /** Navigation properties `load("a/b")` can reach. */
  _navigation(): Record<string, () => AnyClientObject> {
    return {};
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec) ?? Object.keys(this._scalars());
    this._queueLoad(paths);
    return this._self;
  }

  _queueLoad(paths: string[]): void {
    const scalars = this._scalars();
    const navigation = this._navigation();
    const own: string[] = [];
    const nested = new Map<string, string[]>();
    for (const path of paths) {
      // isNullObject comes with the look-up itself; loading it asks for nothing more.
      if (path === "isNullObject") continue;
      const [head, ...rest] = path.split("/");
      if (rest.length > 0) {
        if (!(head in navigation)) throw notModelled(`load("${path}") on ${this._kind}`);
        nested.set(head as string, [...(nested.get(head as string) ?? []), rest.join("/")]);
      } else if (head in scalars) own.push(head as string);
      else if (head in navigation)
        nested.set(head as string, [
          ...(nested.get(head as string) ?? []),
          ...Object.keys(navigation[head as string]?.()._scalars() ?? {}),
        ]);
      else throw notModelled(`load("${path}") on ${this._kind}`);
    }
    if (own.length > 0) {
      const self = this;
      let snapshot: Map<string, unknown> | null = null;
      const action: LoadAction = {
        op: `load ${this._kind} ${own.join(",")}`,
        bytes: ACTION_OVERHEAD_BYTES + own.join(",").length,
        responseBytes: 0,
        run() {
          // Loading a null object is allowed and brings nothing back (the getItemOrNullObject pattern).
          const e = self._orNull ? self._tryResolve() : self._resolve();
          if (e === null) return;
          snapshot = new Map(own.map((p) => [p, (scalars[p] as (e: E) => unknown)(e)]));
          action.responseBytes = payloadBytes(Object.fromEntries(snapshot));
        },
        deliver() {
          for (const [k, v] of snapshot ?? []) self._loaded.set(k, v);
        },
      };
      this._ctx._queue(action);
      this._ctx._loads.push(action);
    }
    for (const [head, rest] of nested) (navigation[head] as () => AnyClientObject)()._queueLoad(rest);
  }

  untrack(): this {
    return this._self;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** A collection: `load("items/name")` fills `items` with proxies of the members at that time. */
abstract class CollectionProxy<E, I extends ClientObject<E>> {
  _items: I[] | undefined = undefined;
  _count: number | undefined = undefined;
  _self: this;
  constructor(
    readonly _ctx: FakeRequestContext,
    readonly _kind: string,
  ) {
    this._self = strict(this, _kind);
    // biome-ignore lint/correctness/noConstructorReturn: every proxy is strict
    return this._self;
  }
  get context(): FakeRequestContext {
    return this._ctx;
  }
  abstract _members(): E[];
  abstract _itemProxy(e: E): I;

  get items(): I[] {
    if (this._items === undefined) {
      throw new FakeExcelError(
        "PropertyNotLoaded",
        `The property 'items' is not available: call load("items/…") and sync first (${this._kind})`,
      );
    }
    return this._items;
  }

  get count(): number {
    if (this._count === undefined)
      throw new FakeExcelError("PropertyNotLoaded", `The property 'count' is not available (${this._kind})`);
    return this._count;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec) ?? ["items"];
    const itemPaths = paths.filter((p) => p.startsWith("items/")).map((p) => p.slice("items/".length));
    const wantsItems = itemPaths.length > 0 || paths.includes("items");
    const wantsCount = paths.includes("count");
    for (const p of paths) if (!p.startsWith("items") && p !== "count") throw notModelled(`load("${p}") on ${this._kind}`);
    const self = this;
    let members: E[] = [];
    const action: LoadAction = {
      op: `load ${this._kind} ${paths.join(",")}`,
      bytes: ACTION_OVERHEAD_BYTES,
      responseBytes: 0,
      run() {
        members = self._members();
        action.responseBytes = 16 * members.length;
      },
      deliver() {
        if (wantsCount) self._count = members.length;
      },
    };
    this._ctx._queue(action);
    this._ctx._loads.push(action);
    if (wantsItems) {
      // Item proxies are created when the request runs, so their loads come right after.
      const collect: LoadAction = {
        op: `load ${this._kind} items`,
        bytes: 0,
        responseBytes: 0,
        run() {
          const proxies = members.map((m) => self._itemProxy(m));
          let bytes = 0;
          for (const proxy of proxies) {
            const scalars = proxy._scalars();
            const navigation = proxy._navigation();
            for (const path of itemPaths.length > 0 ? itemPaths : Object.keys(scalars)) {
              const [head, sub] = path.split("/");
              if (sub === undefined && head in scalars) {
                const v = (scalars[head as string] as (e: E) => unknown)(proxy._resolve());
                proxy._loaded.set(head as string, v);
                bytes += payloadBytes(v);
              } else if (sub !== undefined && head in navigation) {
                const child = (navigation[head as string] as () => AnyClientObject)();
                const v = (child._scalars()[sub] as ((e: unknown) => unknown) | undefined)?.(child._resolve());
                if (v === undefined) throw notModelled(`load("items/${path}") on ${self._kind}`);
                child._loaded.set(sub, v);
                bytes += payloadBytes(v);
              } else throw notModelled(`load("items/${path}") on ${self._kind}`);
            }
          }
          collect.responseBytes = bytes;
          self._pending = proxies;
        },
        deliver() {
          self._items = self._pending;
        },
      };
      this._ctx._queue(collect);
      this._ctx._loads.push(collect);
    }
    return this._self;
  }
  _pending: I[] | undefined = undefined;

  toJSON(): unknown {
    return this._items?.map((i) => i.toJSON());
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook, application, settings, names
// ---------------------------------------------------------------------------------------------

export class ApplicationProxy extends ClientObject<Workbook> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, "Application", () => ctx._wb);
  }
  _scalars() {
    return {};
  }
  /** "Suspends calculation until the next context.sync() is called" (ExcelApi 1.6). */
  suspendApiCalculationUntilNextSync(): void {
    const ctx = this._ctx;
    this._ctx._queue({
      op: "suspendApiCalculationUntilNextSync",
      bytes: ACTION_OVERHEAD_BYTES,
      run() {
        ctx._suspend = true;
      },
    });
  }
  calculate(type: string): void {
    if (!["Recalculate", "Full", "FullRebuild"].includes(type))
      throw new FakeExcelError("InvalidArgument", `calculationType ${type}`);
    this._call("calculate", (wb) => wb.recalculate(), type);
  }
}

export class WorkbookProxy extends ClientObject<Workbook> {
  _parts: {
    worksheets: WorksheetCollectionProxy;
    tables: TableCollectionProxy;
    settings: SettingCollectionProxy;
    names: NamedItemCollectionProxy;
    application: ApplicationProxy;
  };
  constructor(ctx: FakeRequestContext) {
    super(ctx, "Workbook", () => ctx._wb);
    this._parts = {
      application: new ApplicationProxy(ctx),
      worksheets: new WorksheetCollectionProxy(ctx),
      tables: new TableCollectionProxy(ctx, null),
      settings: new SettingCollectionProxy(ctx),
      names: new NamedItemCollectionProxy(ctx),
    };
  }
  _scalars() {
    return {};
  }
  get worksheets(): WorksheetCollectionProxy {
    return this._parts.worksheets;
  }
  get tables(): TableCollectionProxy {
    return this._parts.tables;
  }
  get settings(): SettingCollectionProxy {
    return this._parts.settings;
  }
  get names(): NamedItemCollectionProxy {
    return this._parts.names;
  }
  get application(): ApplicationProxy {
    return this._parts.application;
  }
}

interface SettingEntity {
  key: string;
}

export class SettingProxy extends ClientObject<SettingEntity> {
  _scalars() {
    return {
      key: (e: SettingEntity) => e.key,
      value: (e: SettingEntity) => this._ctx._wb.settings.get(e.key),
    };
  }
  get key(): string {
    return this._read("key") as string;
  }
  get value(): unknown {
    return this._read("value");
  }
  set value(v: unknown) {
    this._write("value", v, (e) => this._ctx._wb.setSetting(e.key, v));
  }
  delete(): void {
    this._call("Setting.delete", (e) => {
      this._ctx._wb.settings.delete(e.key);
    });
  }
}

export class SettingCollectionProxy extends CollectionProxy<SettingEntity, SettingProxy> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, "SettingCollection");
  }
  _members(): SettingEntity[] {
    return [...this._ctx._wb.settings.keys()].map((key) => ({ key }));
  }
  _itemProxy(e: SettingEntity): SettingProxy {
    return new SettingProxy(this._ctx, "Setting", () => e);
  }
  add(key: string, value: unknown): SettingProxy {
    const ctx = this._ctx;
    ctx._queue({
      op: "settings.add",
      target: key,
      value,
      bytes: ACTION_OVERHEAD_BYTES + payloadBytes({ key, value }),
      run() {
        ctx._wb.setSetting(key, value);
      },
    });
    return new SettingProxy(ctx, "Setting", () => ({ key }));
  }
  getItem(key: string): SettingProxy {
    return new SettingProxy(this._ctx, "Setting", () => {
      if (!this._ctx._wb.settings.has(key)) throw new FakeExcelError("ItemNotFound", `no setting ${key}`);
      return { key };
    });
  }
  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this._ctx, "Setting", () => (this._ctx._wb.settings.has(key) ? { key } : null), true);
  }
}

export class NamedItemProxy extends ClientObject<DefinedName> {
  _scalars() {
    return { name: (e: DefinedName) => e.name, comment: (e: DefinedName) => e.comment };
  }
  get name(): string {
    return this._read("name") as string;
  }
  getRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const e = this._resolve();
      return { sheet: e.sheet, area: e.area };
    });
  }
  delete(): void {
    this._call(
      "NamedItem.delete",
      (e) => {
        const names = this._ctx._wb.names;
        names.splice(names.indexOf(e), 1);
      },
      undefined,
      () => this._resolve().name,
    );
  }
}

export class NamedItemCollectionProxy extends CollectionProxy<DefinedName, NamedItemProxy> {
  constructor(
    ctx: FakeRequestContext,
    readonly _scope: WorksheetProxy | null = null,
  ) {
    super(ctx, "NamedItemCollection");
  }
  _members(): DefinedName[] {
    const scope = this._scope?._resolve() ?? null;
    return this._ctx._wb.names.filter((n) => n.scope === scope);
  }
  _itemProxy(e: DefinedName): NamedItemProxy {
    return new NamedItemProxy(this._ctx, "NamedItem", () => e);
  }
  add(name: string, reference: RangeProxy, comment = ""): NamedItemProxy {
    let created: DefinedName | null = null;
    const ctx = this._ctx;
    const scope = this._scope;
    const action: Action = {
      op: "names.add",
      value: { name, comment },
      bytes: ACTION_OVERHEAD_BYTES + payloadBytes({ name, comment }),
      run() {
        const { sheet, area } = reference._resolve();
        action.target = ctx._wb.address(sheet, area);
        created = ctx._wb.addName(name, sheet, area, comment, scope?._resolve() ?? null);
      },
    };
    ctx._queue(action);
    return new NamedItemProxy(ctx, "NamedItem", () => created);
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(
      this._ctx,
      "NamedItem",
      () => this._members().find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null,
      true,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets
// ---------------------------------------------------------------------------------------------

export class WorksheetCollectionProxy extends CollectionProxy<Sheet, WorksheetProxy> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, "WorksheetCollection");
  }
  _members(): Sheet[] {
    return [...this._ctx._wb.sheets];
  }
  _itemProxy(e: Sheet): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => e);
  }
  add(name?: string): WorksheetProxy {
    let created: Sheet | null = null;
    const ctx = this._ctx;
    ctx._queue({
      op: "worksheets.add",
      target: name,
      bytes: ACTION_OVERHEAD_BYTES + payloadBytes(name),
      run() {
        created = ctx._wb.addSheet(name);
      },
    });
    return new WorksheetProxy(ctx, () => created);
  }
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => {
      const sheet = this._ctx._wb.sheetByKey(key);
      if (!sheet) throw new FakeExcelError("ItemNotFound", `no worksheet "${key}"`);
      return sheet;
    });
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => this._ctx._wb.sheetByKey(key), true);
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => this._ctx._wb.activeSheet);
  }
}

export class WorksheetProxy extends ClientObject<Sheet> {
  _tables: TableCollectionProxy;
  _charts: ChartCollectionProxy;
  _names: NamedItemCollectionProxy;
  _freezePanes: { freezeRows(count: number): void };
  constructor(ctx: FakeRequestContext, resolver: () => Sheet | null, orNull = false) {
    super(ctx, "Worksheet", resolver, orNull);
    this._tables = new TableCollectionProxy(ctx, this);
    this._charts = new ChartCollectionProxy(ctx, this);
    this._names = new NamedItemCollectionProxy(ctx, this);
    const self = this;
    this._freezePanes = strict(
      {
        freezeRows(count: number) {
          self._call(
            "freezePanes.freezeRows",
            (s) => {
              if (!Number.isInteger(count) || count < 0)
                throw new FakeExcelError("InvalidArgument", "freezeRows needs a row count");
              s.frozenRows = count;
            },
            count,
            () => self._resolve().name,
          );
        },
      },
      "WorksheetFreezePanes",
    );
  }
  get tables(): TableCollectionProxy {
    return this._tables;
  }
  get charts(): ChartCollectionProxy {
    return this._charts;
  }
  get names(): NamedItemCollectionProxy {
    return this._names;
  }
  get freezePanes(): { freezeRows(count: number): void } {
    return this._freezePanes;
  }
  _scalars() {
    return {
      name: (s: Sheet) => s.name,
      id: (s: Sheet) => s.id,
      position: (s: Sheet) => this._ctx._wb.sheets.indexOf(s),
      visibility: (s: Sheet) => s.visibility,
    };
  }
  get name(): string {
    return this._read("name") as string;
  }
  set name(v: string) {
    this._write("name", v, (s) => this._ctx._wb.renameSheet(s, v));
  }
  get id(): string {
    return this._read("id") as string;
  }
  get position(): number {
    return this._read("position") as number;
  }
  /** Worksheet.position: "The zero-based position of the worksheet within the workbook." */
  set position(v: number) {
    this._write("position", v, (s) => {
      const sheets = this._ctx._wb.sheets;
      if (!Number.isInteger(v) || v < 0) throw new FakeExcelError("InvalidArgument", `position ${v}`);
      sheets.splice(sheets.indexOf(s), 1);
      sheets.splice(Math.min(v, sheets.length), 0, s);
    });
  }
  get visibility(): string {
    return this._read("visibility") as string;
  }
  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this._write("visibility", v, (s) => {
      if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw new FakeExcelError("InvalidArgument", `visibility ${v}`);
      s.visibility = v;
    });
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const sheet = this._resolve();
      if (address === undefined) return { sheet, area: { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS } };
      const parsed = this._ctx._wb.resolveAddress(address, sheet);
      return parsed;
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const sheet = this._resolve();
      const area = { row: startRow, col: startColumn, rows: rowCount, cols: columnCount };
      if (
        ![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) ||
        startRow < 0 ||
        startColumn < 0 ||
        rowCount < 1 ||
        columnCount < 1 ||
        startRow + rowCount > MAX_ROWS ||
        startColumn + columnCount > MAX_COLS
      ) {
        throw new FakeExcelError(
          "InvalidArgument",
          `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`,
        );
      }
      return { sheet, area };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const sheet = this._resolve();
        const area = this._ctx._wb.usedArea(sheet, valuesOnly);
        return area ? { sheet, area } : null;
      },
      true,
    );
  }
  activate(): void {
    this._call(
      "Worksheet.activate",
      (s) => this._ctx._wb.activate(s),
      undefined,
      () => this._resolve().name,
    );
  }
  delete(): void {
    this._call(
      "Worksheet.delete",
      (s) => this._ctx._wb.deleteSheet(s),
      undefined,
      () => this._resolve().name,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges
// ---------------------------------------------------------------------------------------------

export interface RangeRef {
  sheet: Sheet;
  area: Area;
}

export class RangeProxy extends ClientObject<RangeRef> {
  _format: RangeFormatProxy;
  _conditionalFormats: ConditionalFormatCollectionProxy;
  _worksheet: WorksheetProxy | undefined = undefined;
  constructor(ctx: FakeRequestContext, resolver: () => RangeRef | null, orNull = false) {
    super(ctx, "Range", resolver, orNull);
    this._format = new RangeFormatProxy(ctx, this);
    this._conditionalFormats = new ConditionalFormatCollectionProxy(ctx, this);
  }
  get format(): RangeFormatProxy {
    return this._format;
  }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return this._conditionalFormats;
  }
  _target = (): string => {
    const r = this._resolve();
    return this._ctx._wb.address(r.sheet, r.area);
  };
  _scalars() {
    const wb = this._ctx._wb;
    return {
      address: (r: RangeRef) => wb.address(r.sheet, r.area),
      addressLocal: (r: RangeRef) => wb.address(r.sheet, r.area),
      rowIndex: (r: RangeRef) => r.area.row,
      columnIndex: (r: RangeRef) => r.area.col,
      rowCount: (r: RangeRef) => r.area.rows,
      columnCount: (r: RangeRef) => r.area.cols,
      cellCount: (r: RangeRef) => r.area.rows * r.area.cols,
      values: (r: RangeRef) => wb.readValues(r.sheet, r.area),
      formulas: (r: RangeRef) => wb.readFormulas(r.sheet, r.area, "A1"),
      formulasR1C1: (r: RangeRef) => wb.readFormulas(r.sheet, r.area, "R1C1"),
      numberFormat: (r: RangeRef) => wb.readNumberFormat(r.sheet, r.area),
    };
  }
  override _navigation() {
    return { worksheet: () => this.worksheet, format: () => this.format };
  }
  get worksheet(): WorksheetProxy {
    this._worksheet ??= new WorksheetProxy(this._ctx, () => this._resolve().sheet);
    return this._worksheet;
  }
  get address(): string {
    return this._read("address") as string;
  }
  get rowIndex(): number {
    return this._read("rowIndex") as number;
  }
  get columnIndex(): number {
    return this._read("columnIndex") as number;
  }
  get rowCount(): number {
    return this._read("rowCount") as number;
  }
  get columnCount(): number {
    return this._read("columnCount") as number;
  }
  get values(): unknown[][] {
    return this._read("values") as unknown[][];
  }
  set values(v: unknown) {
    this._write("values", v, (r) => this._ctx._wb.writeContents(r.sheet, r.area, v, "values"), v, this._target);
  }
  get formulas(): unknown[][] {
    return this._read("formulas") as unknown[][];
  }
  set formulas(v: unknown) {
    this._write("formulas", v, (r) => this._ctx._wb.writeContents(r.sheet, r.area, v, "formulas"), v, this._target);
  }
  get formulasR1C1(): unknown[][] {
    return this._read("formulasR1C1") as unknown[][];
  }
  set formulasR1C1(v: unknown) {
    this._write("formulasR1C1", v, (r) => this._ctx._wb.writeContents(r.sheet, r.area, v, "formulasR1C1"), v, this._target);
  }
  get numberFormat(): unknown[][] {
    return this._read("numberFormat") as unknown[][];
  }
  set numberFormat(v: unknown) {
    this._write("numberFormat", v, (r) => this._ctx._wb.writeNumberFormat(r.sheet, r.area, v), v, this._target);
  }
  clear(applyTo: string = "All"): void {
    this._call("Range.clear", (r) => this._ctx._wb.clear(r.sheet, r.area, applyTo), applyTo, this._target);
  }
  /** Range.insert: "Inserts a cell or a range of cells … and shifts the other cells to make space." */
  insert(shift: string): RangeProxy {
    if (shift !== "Down") throw notModelled(`Range.insert("${shift}")`);
    this._call("Range.insert", (r) => this._ctx._wb.insertDown(r.sheet, r.area), shift, this._target);
    return new RangeProxy(this._ctx, () => this._resolve());
  }
  /** Range.delete: "Deletes the cells associated with the range." */
  delete(shift: string): void {
    if (shift !== "Up") throw notModelled(`Range.delete("${shift}")`);
    this._call("Range.delete", (r) => this._ctx._wb.deleteUp(r.sheet, r.area), shift, this._target);
  }
  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const r = this._resolve();
      return { sheet: r.sheet, area: { row: r.area.row + row, col: r.area.col + column, rows: 1, cols: 1 } };
    });
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const r = this._resolve();
      const area = { ...r.area, row: r.area.row + rowOffset, col: r.area.col + columnOffset };
      if (area.row < 0 || area.col < 0) throw new FakeExcelError("InvalidArgument", "the offset range is outside the sheet");
      return { sheet: r.sheet, area };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const r = this._resolve();
      const area = { ...r.area, rows: r.area.rows + deltaRows, cols: r.area.cols + deltaColumns };
      if (area.rows < 1 || area.cols < 1) throw new FakeExcelError("InvalidArgument", "the resized range is empty");
      return { sheet: r.sheet, area };
    });
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const r = this._resolve();
        const area = this._ctx._wb.usedArea(r.sheet, valuesOnly, r.area);
        return area ? { sheet: r.sheet, area } : null;
      },
      true,
    );
  }
}

class StyleProxy extends ClientObject<RangeRef> {
  constructor(
    ctx: FakeRequestContext,
    kind: string,
    readonly _range: RangeProxy,
    readonly _props: Record<string, keyof Style>,
  ) {
    super(ctx, kind, () => _range._resolve());
    for (const [prop, key] of Object.entries(_props)) {
      Object.defineProperty(this, prop, {
        get: () => this._read(prop),
        set: (v: unknown) => this._write(prop, v, (r) => ctx._wb.writeStyle(r.sheet, r.area, key, v), v, _range._target),
        enumerable: true,
      });
    }
  }
  _scalars() {
    return Object.fromEntries(
      Object.entries(this._props).map(([prop, key]) => [prop, (r: RangeRef) => this._ctx._wb.readStyle(r.sheet, r.area, key)]),
    );
  }
}

export class RangeFormatProxy extends ClientObject<RangeRef> {
  _font: StyleProxy;
  _fill: StyleProxy;
  constructor(
    ctx: FakeRequestContext,
    readonly _range: RangeProxy,
  ) {
    super(ctx, "RangeFormat", () => _range._resolve());
    this._font = new StyleProxy(ctx, "RangeFont", _range, { bold: "bold", italic: "italic", size: "size", color: "color" });
    this._fill = new StyleProxy(ctx, "RangeFill", _range, { color: "fill" });
  }
  get font(): StyleProxy {
    return this._font;
  }
  get fill(): StyleProxy {
    return this._fill;
  }
  _scalars() {
    return {
      horizontalAlignment: (r: RangeRef) => this._ctx._wb.readStyle(r.sheet, r.area, "horizontalAlignment"),
      columnWidth: (r: RangeRef) => r.sheet.columnWidths.get(r.area.col) ?? 48,
    };
  }
  override _navigation() {
    return { font: () => this.font, fill: () => this.fill };
  }
  get horizontalAlignment(): string {
    return this._read("horizontalAlignment") as string;
  }
  set horizontalAlignment(v: string) {
    this._write(
      "horizontalAlignment",
      v,
      (r) => this._ctx._wb.writeStyle(r.sheet, r.area, "horizontalAlignment", v),
      v,
      this._range._target,
    );
  }
  get columnWidth(): number {
    return this._read("columnWidth") as number;
  }
  set columnWidth(v: number) {
    this._write("columnWidth", v, (r) => {
      for (let c = 0; c < r.area.cols; c++) r.sheet.columnWidths.set(r.area.col + c, v);
    });
  }
  autofitColumns(): void {
    this._call(
      "format.autofitColumns",
      (r) => {
        r.sheet.autofitCount++;
      },
      undefined,
      this._range._target,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats
// ---------------------------------------------------------------------------------------------

export class ConditionalFormatProxy extends ClientObject<CfRule> {
  _custom: unknown;
  constructor(ctx: FakeRequestContext, resolver: () => CfRule | null, orNull = false) {
    super(ctx, "ConditionalFormat", resolver, orNull);
    const self = this;
    const text = (v: unknown) => {
      if (typeof v !== "string") throw new FakeExcelError("InvalidArgument", "expected text");
      return v;
    };
    const write =
      <K extends keyof CfRule>(name: string, key: K, check: (v: unknown) => CfRule[K]) =>
      (v: unknown) =>
        self._write(name, v, (rule) => {
          if (rule.type !== "Custom")
            throw new FakeExcelError("InvalidOperation", "custom is only for a Custom conditional format");
          rule[key] = check(v);
        });
    const rule = {
      get formula() {
        return self._read("rule.formula");
      },
      set formula(v: unknown) {
        write("rule.formula", "formula", (x) => ctx._wb.checkConditionalFormula(text(x)))(v);
      },
    };
    const fill = {
      get color() {
        return self._read("fill.color");
      },
      set color(v: unknown) {
        write("fill.color", "fill", text)(v);
      },
    };
    const font = {
      get color() {
        return self._read("font.color");
      },
      set color(v: unknown) {
        write("font.color", "fontColor", text)(v);
      },
      get bold() {
        return self._read("font.bold");
      },
      set bold(v: unknown) {
        write("font.bold", "bold", (x) => Boolean(x))(v);
      },
    };
    this._custom = strict(
      {
        rule: strict(rule, "ConditionalFormatRule"),
        format: strict(
          { fill: strict(fill, "ConditionalFill"), font: strict(font, "ConditionalFont") },
          "ConditionalRangeFormat",
        ),
      },
      "CustomConditionalFormat",
    );
  }
  get custom(): {
    rule: { formula: string };
    format: { fill: { color: string }; font: { color: string; bold: boolean } };
  } {
    return this._custom as never;
  }
  _scalars() {
    return { id: (r: CfRule) => r.id, type: (r: CfRule) => r.type };
  }
  get id(): string {
    return this._read("id") as string;
  }
  get type(): string {
    return this._read("type") as string;
  }
  delete(): void {
    this._call("ConditionalFormat.delete", (rule) => {
      const list = rule.sheet.conditionalFormats;
      const i = list.indexOf(rule);
      if (i >= 0) list.splice(i, 1);
    });
  }
  getRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const rule = this._resolve();
      return { sheet: rule.sheet, area: rule.area };
    });
  }
}

export class ConditionalFormatCollectionProxy extends CollectionProxy<CfRule, ConditionalFormatProxy> {
  constructor(
    ctx: FakeRequestContext,
    readonly _range: RangeProxy,
  ) {
    super(ctx, "ConditionalFormatCollection");
  }
  _members(): CfRule[] {
    const r = this._range._resolve();
    return r.sheet.conditionalFormats.filter((c) => intersectsArea(c.area, r.area));
  }
  _itemProxy(e: CfRule): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this._ctx, () => e);
  }
  add(type: string): ConditionalFormatProxy {
    if (type !== "Custom") throw notModelled(`conditionalFormats.add("${type}")`);
    let created: CfRule | null = null;
    const ctx = this._ctx;
    const range = this._range;
    const action: Action = {
      op: "conditionalFormats.add",
      value: type,
      bytes: ACTION_OVERHEAD_BYTES,
      run() {
        const r = range._resolve();
        action.target = ctx._wb.address(r.sheet, r.area);
        created = {
          id: ctx._wb.nextId("{cf-"),
          sheet: r.sheet,
          area: r.area,
          type,
          formula: null,
          fill: null,
          fontColor: null,
          bold: null,
        };
        r.sheet.conditionalFormats.unshift(created);
      },
    };
    ctx._queue(action);
    return new ConditionalFormatProxy(ctx, () => created);
  }
  getItem(id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this._ctx, () => {
      const rule = this._members().find((c) => c.id === id);
      if (!rule) throw new FakeExcelError("ItemNotFound", `no conditional format ${id} on this range`);
      return rule;
    });
  }
  /** "Clears all conditional formats active on the current specified range." */
  clearAll(): void {
    const range = this._range;
    this._ctx._queue({
      op: "conditionalFormats.clearAll",
      bytes: ACTION_OVERHEAD_BYTES,
      run() {
        const r = range._resolve();
        for (const rule of [...r.sheet.conditionalFormats]) {
          if (!intersectsArea(rule.area, r.area)) continue;
          if (!containsArea(r.area, rule.area)) throw notModelled("clearing part of a conditional format's range");
          r.sheet.conditionalFormats.splice(r.sheet.conditionalFormats.indexOf(rule), 1);
        }
      },
    });
  }
}

function intersectsArea(a: Area, b: Area): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}
function containsArea(outer: Area, inner: Area): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

export class TableCollectionProxy extends CollectionProxy<Table, TableProxy> {
  constructor(
    ctx: FakeRequestContext,
    readonly _sheet: WorksheetProxy | null,
  ) {
    super(ctx, "TableCollection");
  }
  _members(): Table[] {
    const sheet = this._sheet?._resolve() ?? null;
    return this._ctx._wb.tables.filter((t) => sheet === null || t.sheet === sheet);
  }
  _itemProxy(e: Table): TableProxy {
    return new TableProxy(this._ctx, () => e);
  }
  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    let created: Table | null = null;
    const ctx = this._ctx;
    const sheetProxy = this._sheet;
    const action: Action = {
      op: "tables.add",
      value: hasHeaders,
      bytes: ACTION_OVERHEAD_BYTES,
      run() {
        let ref: RangeRef;
        if (typeof address === "string") {
          const base = sheetProxy?._resolve() ?? ctx._wb.activeSheet;
          ref = ctx._wb.resolveAddress(address, base);
        } else ref = address._resolve();
        if (sheetProxy && ref.sheet !== sheetProxy._resolve()) {
          throw new FakeExcelError("InvalidArgument", "the range is not on this worksheet");
        }
        action.target = ctx._wb.address(ref.sheet, ref.area);
        created = ctx._wb.addTable(ref.sheet, ref.area, hasHeaders);
      },
    };
    ctx._queue(action);
    return new TableProxy(ctx, () => created);
  }
  getItem(key: string): TableProxy {
    return new TableProxy(this._ctx, () => {
      const table = this._ctx._wb.tableByKey(key);
      const sheet = this._sheet?._resolve() ?? null;
      if (!table || (sheet && table.sheet !== sheet)) throw new FakeExcelError("ItemNotFound", `no table "${key}"`);
      return table;
    });
  }
  getItemOrNullObject(key: string): TableProxy {
    return new TableProxy(
      this._ctx,
      () => {
        const table = this._ctx._wb.tableByKey(key);
        const sheet = this._sheet?._resolve() ?? null;
        return !table || (sheet && table.sheet !== sheet) ? null : table;
      },
      true,
    );
  }
}

interface ColumnEntity {
  table: Table;
  index: number;
}

export class TableColumnProxy extends ClientObject<ColumnEntity> {
  _scalars() {
    return {
      name: (c: ColumnEntity) => c.table.columns[c.index],
      index: (c: ColumnEntity) => c.index,
      id: (c: ColumnEntity) => c.index + 1,
    };
  }
  get name(): string {
    return this._read("name") as string;
  }
  get index(): number {
    return this._read("index") as number;
  }
}

export class TableColumnCollectionProxy extends CollectionProxy<ColumnEntity, TableColumnProxy> {
  constructor(
    ctx: FakeRequestContext,
    readonly _table: TableProxy,
  ) {
    super(ctx, "TableColumnCollection");
  }
  _members(): ColumnEntity[] {
    const table = this._table._resolve();
    return table.columns.map((_, index) => ({ table, index }));
  }
  _itemProxy(e: ColumnEntity): TableColumnProxy {
    return new TableColumnProxy(this._ctx, "TableColumn", () => e);
  }
}

export class TableProxy extends ClientObject<Table> {
  _columns: TableColumnCollectionProxy;
  _worksheet: WorksheetProxy | undefined = undefined;
  constructor(ctx: FakeRequestContext, resolver: () => Table | null, orNull = false) {
    super(ctx, "Table", resolver, orNull);
    this._columns = new TableColumnCollectionProxy(ctx, this);
  }
  get columns(): TableColumnCollectionProxy {
    return this._columns;
  }
  _target = (): string => this._resolve().name;
  _scalars() {
    return {
      name: (t: Table) => t.name,
      id: (t: Table) => t.id,
      style: (t: Table) => t.style,
      showHeaders: () => true,
      showTotals: () => false,
    };
  }
  override _navigation() {
    return { worksheet: () => this.worksheet };
  }
  get worksheet(): WorksheetProxy {
    this._worksheet ??= new WorksheetProxy(this._ctx, () => this._resolve().sheet);
    return this._worksheet;
  }
  get name(): string {
    return this._read("name") as string;
  }
  set name(v: string) {
    this._write("name", v, (t) => this._ctx._wb.renameTable(t, v), v, this._target);
  }
  get id(): string {
    return this._read("id") as string;
  }
  get style(): string {
    return this._read("style") as string;
  }
  set style(v: string) {
    this._write("style", v, (t) => {
      if (typeof v !== "string" || !/^TableStyle(Light|Medium|Dark)\d+$/.test(v))
        throw new FakeExcelError("InvalidArgument", `table style ${v}`);
      t.style = v;
    });
  }
  getRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const t = this._resolve();
      return { sheet: t.sheet, area: t.area };
    });
  }
  getHeaderRowRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const t = this._resolve();
      return { sheet: t.sheet, area: t.header };
    });
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const t = this._resolve();
      return { sheet: t.sheet, area: t.body };
    });
  }
  /** ExcelApi 1.13. */
  resize(newRange: RangeProxy | string): void {
    this._call(
      "Table.resize",
      (t, action) => {
        const ref = typeof newRange === "string" ? this._ctx._wb.resolveAddress(newRange, t.sheet) : newRange._resolve();
        action.value = this._ctx._wb.address(ref.sheet, ref.area);
        this._ctx._wb.resizeTable(t, ref.sheet, ref.area);
      },
      typeof newRange === "string" ? newRange : undefined,
      this._target,
    );
  }
  delete(): void {
    this._call("Table.delete", (t) => this._ctx._wb.deleteTable(t), undefined, this._target);
  }
}

// ---------------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------------

const CHART_TYPES = new Set(["ColumnClustered", "ColumnStacked", "Line", "LineMarkers", "BarClustered", "Pie"]);

export class ChartSeriesProxy extends ClientObject<{ chart: ChartState; index: number }> {
  _scalars() {
    return {
      chartType: (s: { chart: ChartState; index: number }) => s.chart.series.get(s.index)?.chartType ?? s.chart.type,
      axisGroup: (s: { chart: ChartState; index: number }) => s.chart.series.get(s.index)?.axisGroup ?? "Primary",
    };
  }
  get chartType(): string {
    return this._read("chartType") as string;
  }
  set chartType(v: string) {
    this._write("chartType", v, (s) => {
      if (!CHART_TYPES.has(v)) throw new FakeExcelError("InvalidArgument", `chart type ${v}`);
      s.chart.series.set(s.index, { ...s.chart.series.get(s.index), chartType: v });
    });
  }
  get axisGroup(): string {
    return this._read("axisGroup") as string;
  }
  set axisGroup(v: string) {
    this._write("axisGroup", v, (s) => {
      if (v !== "Primary" && v !== "Secondary") throw new FakeExcelError("InvalidArgument", `axis group ${v}`);
      s.chart.series.set(s.index, { ...s.chart.series.get(s.index), axisGroup: v });
    });
  }
}

export class ChartProxy extends ClientObject<ChartState> {
  _title: { text: string };
  _series: { getItemAt(index: number): ChartSeriesProxy };
  constructor(ctx: FakeRequestContext, resolver: () => ChartState | null, orNull = false) {
    super(ctx, "Chart", resolver, orNull);
    const self = this;
    this._title = strict(
      {
        get text() {
          return self._read("title.text") as string;
        },
        set text(v: string) {
          self._write("title.text", v, (c) => {
            c.title = v;
          });
        },
      },
      "ChartTitle",
    );
    this._series = strict(
      {
        getItemAt(index: number) {
          return new ChartSeriesProxy(ctx, "ChartSeries", () => {
            const chart = self._resolve();
            if (!Number.isInteger(index) || index < 0) throw new FakeExcelError("InvalidArgument", `series ${index}`);
            return { chart, index };
          });
        },
      },
      "ChartSeriesCollection",
    );
  }
  get title(): { text: string } {
    return this._title;
  }
  get series(): { getItemAt(index: number): ChartSeriesProxy } {
    return this._series;
  }
  _scalars() {
    return { name: (c: ChartState) => c.name, id: (c: ChartState) => c.id, chartType: (c: ChartState) => c.type };
  }
  get name(): string {
    return this._read("name") as string;
  }
  set name(v: string) {
    this._write("name", v, (c) => {
      if (typeof v !== "string" || v === "") throw new FakeExcelError("InvalidArgument", "a chart needs a name");
      c.name = v;
    });
  }
  get chartType(): string {
    return this._read("chartType") as string;
  }
  set chartType(v: string) {
    this._write("chartType", v, (c) => {
      if (!CHART_TYPES.has(v)) throw new FakeExcelError("InvalidArgument", `chart type ${v}`);
      c.type = v;
    });
  }
  /** Chart.setData: "Resets the source data for the chart." */
  setData(sourceData: RangeProxy, seriesBy = "Auto"): void {
    this._call("Chart.setData", (c) => {
      const r = sourceData._resolve();
      c.source = { sheet: r.sheet, area: r.area };
      c.seriesBy = seriesBy;
    });
  }
  setPosition(startCell: RangeProxy | string, endCell?: RangeProxy | string): void {
    const text = (x: RangeProxy | string | undefined) =>
      x === undefined ? null : typeof x === "string" ? x : areaAddress(x._resolve().area);
    this._call("Chart.setPosition", (c) => {
      c.position = { start: text(startCell) as string, end: text(endCell) };
    });
  }
  delete(): void {
    this._call("Chart.delete", (c) => {
      c.deleted = true;
      c.sheet.charts.splice(c.sheet.charts.indexOf(c), 1);
    });
  }
}

export class ChartCollectionProxy extends CollectionProxy<ChartState, ChartProxy> {
  constructor(
    ctx: FakeRequestContext,
    readonly _sheet: WorksheetProxy,
  ) {
    super(ctx, "ChartCollection");
  }
  _members(): ChartState[] {
    return [...this._sheet._resolve().charts];
  }
  _itemProxy(e: ChartState): ChartProxy {
    return new ChartProxy(this._ctx, () => e);
  }
  /** ChartCollection.add(type, sourceData, seriesBy). */
  add(type: string, sourceData: RangeProxy, seriesBy = "Auto"): ChartProxy {
    if (!CHART_TYPES.has(type)) throw notModelled(`chart type ${type}`);
    let created: ChartState | null = null;
    const ctx = this._ctx;
    const sheetProxy = this._sheet;
    ctx._queue({
      op: "charts.add",
      value: { type, seriesBy },
      bytes: ACTION_OVERHEAD_BYTES,
      run() {
        const sheet = sheetProxy._resolve();
        const r = sourceData._resolve();
        created = {
          id: ctx._wb.nextId("{chart-"),
          name: `Chart ${sheet.charts.length + 1}`,
          sheet,
          type,
          source: { sheet: r.sheet, area: r.area },
          seriesBy,
          title: null,
          series: new Map(),
          position: null,
          deleted: false,
        };
        sheet.charts.push(created);
      },
    });
    return new ChartProxy(ctx, () => created);
  }
  getItem(name: string): ChartProxy {
    return new ChartProxy(this._ctx, () => {
      const chart = this._members().find((c) => c.name === name);
      if (!chart) throw new FakeExcelError("ItemNotFound", `no chart "${name}"`);
      return chart;
    });
  }
  getItemOrNullObject(name: string): ChartProxy {
    return new ChartProxy(this._ctx, () => this._members().find((c) => c.name === name) ?? null, true);
  }
}

export { parseAddress };

// A recording fake of Excel.run for the task pane loaded in plain Chromium (no Office host).
// Injected with page.addInitScript before office.js: Office.js outside Office leaves `Excel`
// undefined, so this one stays. It implements the part of the Excel object model the sheet writers
// use, applies writes to a cell grid at each sync, and records every write and format in
// `window.__excel.ops`, so the test can check what would have been written.
(() => {
  const state = {
    syncs: 0,
    runs: 0,
    ops: [],
    sheets: {}, // name -> { cells: { "r,c": value }, names: { name: ref } }
    tables: {}, // name -> { name, sheet, ref, style }
    active: "Feuil1",
  };
  state.sheets.Feuil1 = { cells: {}, names: {} };
  window.__excel = state;

  let pending = [];
  const queue = (op) => {
    state.ops.push(op);
    pending.push(op);
  };

  function parseA1(address) {
    let col = 0;
    let i = 0;
    while (i < address.length && /[A-Z]/i.test(address[i])) {
      col = col * 26 + (address.toUpperCase().charCodeAt(i) - 64);
      i++;
    }
    return { row: Number(address.slice(i)) - 1, col: col - 1 };
  }

  function apply(op) {
    const sheet = state.sheets[op.ref?.sheet];
    if (op.kind === "set" && op.prop === "values") {
      const v = op.value;
      if (v.length !== op.ref.rows || v.some((r) => r.length !== op.ref.cols)) {
        throw new Error(`InvalidArgument: values ${v.length}x${v[0]?.length} do not match ${op.ref.rows}x${op.ref.cols}`);
      }
      for (let i = 0; i < v.length; i++) {
        for (let j = 0; j < v[i].length; j++) sheet.cells[`${op.ref.row + i},${op.ref.col + j}`] = v[i][j];
      }
    } else if (op.kind === "clear" && op.applyTo !== "Formats") {
      for (const key of Object.keys(sheet.cells)) {
        const [r, c] = key.split(",").map(Number);
        const f = op.ref;
        if (r >= f.row && r < f.row + f.rows && c >= f.col && c < f.col + f.cols) delete sheet.cells[key];
      }
    }
  }

  function read(ref) {
    const sheet = state.sheets[ref.sheet];
    const out = [];
    for (let i = 0; i < ref.rows; i++) {
      const row = [];
      for (let j = 0; j < ref.cols; j++) {
        const v = sheet.cells[`${ref.row + i},${ref.col + j}`];
        row.push(v === undefined ? "" : v);
      }
      out.push(row);
    }
    return out;
  }

  function range(ref) {
    const loaded = {};
    const format = {
      font: {},
      fill: {},
      autofitColumns() {
        queue({ kind: "call", name: "autofitColumns", ref });
      },
    };
    const r = {
      load(props) {
        if (String(props).includes("values")) loaded.values = true;
        return r;
      },
      format,
      conditionalFormats: {
        add(type) {
          const cf = { type, custom: { rule: {}, format: { fill: {}, font: {} } } };
          queue({ kind: "call", name: "conditionalFormats.add", ref, type, cf });
          return cf;
        },
        clearAll() {
          queue({ kind: "call", name: "conditionalFormats.clearAll", ref });
        },
      },
      clear(applyTo = "All") {
        queue({ kind: "clear", ref, applyTo });
      },
    };
    let values;
    Object.defineProperty(r, "values", {
      get() {
        if (values !== undefined) return values;
        if (!loaded.values) throw new Error("PropertyNotLoaded: values");
        return read(ref);
      },
      set(v) {
        values = v;
        queue({ kind: "set", prop: "values", ref, value: v });
      },
    });
    Object.defineProperty(r, "numberFormat", {
      set(v) {
        queue({ kind: "set", prop: "numberFormat", ref, value: v });
      },
      get() {
        throw new Error("PropertyNotLoaded: numberFormat");
      },
    });
    format.__ref = ref;
    return r;
  }

  function nullObject() {
    return { isNullObject: true, load() {} };
  }

  function table(t) {
    return {
      get name() {
        return t.name;
      },
      set name(v) {
        queue({ kind: "call", name: "table.name", from: t.name, to: v });
        delete state.tables[t.name];
        t.name = v;
        state.tables[v] = t;
      },
      set style(v) {
        t.style = v;
      },
      get worksheet() {
        return { name: t.sheet };
      },
      isNullObject: false,
      load() {},
      delete() {
        queue({ kind: "call", name: "table.delete", table: t.name });
        delete state.tables[t.name];
      },
      resize(r) {
        queue({ kind: "call", name: "table.resize", table: t.name, ref: r.__ref || r.format.__ref });
        t.ref = r.format.__ref;
      },
      getDataBodyRange() {
        return range({ ...t.ref, row: t.ref.row + 1, rows: t.ref.rows - 1 });
      },
    };
  }

  function worksheet(name) {
    const s = state.sheets[name];
    return {
      name,
      isNullObject: false,
      load() {},
      getRange(address) {
        if (address === undefined) return range({ sheet: name, row: 0, col: 0, rows: 1048576, cols: 16384 });
        const { row, col } = parseA1(address);
        return range({ sheet: name, row, col, rows: 1, cols: 1 });
      },
      getRangeByIndexes(row, col, rows, cols) {
        return range({ sheet: name, row, col, rows, cols });
      },
      activate() {
        queue({ kind: "call", name: "activate", sheet: name });
        state.active = name;
      },
      freezePanes: {
        freezeRows(n) {
          queue({ kind: "call", name: "freezeRows", sheet: name, count: n });
        },
      },
      tables: {
        load() {},
        get items() {
          return Object.values(state.tables)
            .filter((t) => t.sheet === name)
            .map(table);
        },
        add(r, hasHeaders) {
          const ref = r.format.__ref;
          const t = { name: `Table${Object.keys(state.tables).length + 1}`, sheet: name, ref };
          state.tables[t.name] = t;
          queue({ kind: "call", name: "tables.add", ref, hasHeaders });
          return table(t);
        },
      },
      names: {
        load() {},
        get items() {
          return Object.keys(s.names).map((n) => ({
            name: n,
            delete() {
              queue({ kind: "call", name: "names.delete", sheet: name, item: n });
              delete s.names[n];
            },
          }));
        },
        add(n, r, comment) {
          s.names[n] = r.format.__ref;
          queue({ kind: "call", name: "names.add", sheet: name, item: n, ref: r.format.__ref, comment });
        },
        getItemOrNullObject(n) {
          const ref = s.names[n];
          if (!ref) return nullObject();
          return { isNullObject: false, load() {}, getRange: () => range(ref) };
        },
      },
    };
  }

  const context = {
    workbook: {
      worksheets: {
        getItemOrNullObject(name) {
          return state.sheets[name] ? worksheet(name) : nullObject();
        },
        getItem(name) {
          if (!state.sheets[name]) throw new Error(`ItemNotFound: ${name}`);
          return worksheet(name);
        },
        getActiveWorksheet() {
          return worksheet(state.active);
        },
        add(name) {
          if (state.sheets[name]) throw new Error(`ItemAlreadyExists: ${name}`);
          state.sheets[name] = { cells: {}, names: {} };
          queue({ kind: "call", name: "worksheets.add", sheet: name });
          return worksheet(name);
        },
      },
      tables: {
        load() {},
        get items() {
          return Object.values(state.tables).map(table);
        },
      },
    },
    application: {
      suspendApiCalculationUntilNextSync() {
        queue({ kind: "call", name: "suspendApiCalculationUntilNextSync" });
      },
    },
    async sync() {
      state.syncs++;
      const batch = pending;
      pending = [];
      for (const op of batch) apply(op);
      // Like Excel, hand control back to the page between requests.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };

  window.Excel = {
    async run(batch) {
      state.runs++;
      const result = await batch(context);
      await context.sync();
      return result;
    },
  };
  // Test helper: change a cell as a user typing in Excel would.
  window.__setCell = (sheet, row, col, value) => {
    state.sheets[sheet].cells[`${row},${col}`] = value;
  };
  window.__readCells = (sheet, row, col, rows, cols) => read({ sheet, row, col, rows, cols });
})();

// The recording fake that lived here is replaced by the fake Excel of test/addin/fake-excel (one
// object model for unit and browser tests, refusing what Excel refuses). Inject it with:
//   import { fakeExcelInitScript } from "./fake-excel-script.js";
//   await context.addInitScript({ content: await fakeExcelInitScript() });
// It keeps window.__excel, __readCells and __setCell, and adds window.__fake (the FakeExcel).
throw new Error("test/addin/e2e/fake-excel.js is gone: inject fakeExcelInitScript() from test/addin/e2e/fake-excel-script.ts");

/** A few DOM helpers; the pane is small enough not to need a framework. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from taskpane.html`);
  return element as T;
}

export function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

/**
 * Runs `work` with `button` in its busy state (disabled, spinner, aria-busy), so a long request
 * shows on the button that started it and cannot be started twice.
 */
export async function withBusy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T | undefined> {
  if (button.classList.contains("busy")) return undefined;
  button.classList.add("busy");
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.classList.remove("busy");
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

/** Marks the inputs whose `data-path` (or a line's `data-field`) matches an invalid field. */
export function markInvalid(root: ParentNode, paths: string[]): void {
  for (const el of root.querySelectorAll<HTMLElement>("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const path of paths) {
    const line = /^lines\[(\d+)\]\.(\w+)/.exec(path);
    let target: HTMLElement | null = null;
    if (line) {
      const fieldset = root.querySelectorAll<HTMLElement>(".quote-line")[Number(line[1])];
      target = fieldset?.querySelector<HTMLElement>(`[data-field="${line[2]}"]`) ?? null;
    } else {
      target = root.querySelector<HTMLElement>(`[data-path="${path}"]`);
    }
    target?.setAttribute("aria-invalid", "true");
  }
}

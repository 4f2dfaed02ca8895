/**
 * Feedback where the eye is: each action of the pane has its own feedback line right under the
 * control that started it, scrolled into view when it changes (at 350 px a message at the top of
 * the pane is off screen), and field problems are written beside the fields they concern.
 */

export type FeedbackKind = "info" | "success" | "error";

/** The feedback line of one action (or one group of actions side by side). */
export class Feedback {
  constructor(readonly element: HTMLElement) {
    element.classList.add("feedback");
    element.setAttribute("aria-live", "polite");
    element.hidden = true;
  }

  show(kind: FeedbackKind, title: string, lines: string[] = []): void {
    const el = this.element;
    el.replaceChildren();
    const head = document.createElement("span");
    head.className = "feedback-title";
    head.textContent = title;
    el.append(head);
    if (lines.length > 0) {
      const list = document.createElement("ul");
      for (const line of lines) {
        const item = document.createElement("li");
        item.textContent = line;
        list.append(item);
      }
      el.append(list);
    }
    el.className = `feedback ${kind}`;
    el.setAttribute("role", kind === "error" ? "alert" : "status");
    el.hidden = false;
    reveal(el);
  }

  clear(): void {
    this.element.replaceChildren();
    this.element.hidden = true;
  }

  /** The text shown (title and lines), for tests and for screen readers' sake in one string. */
  get text(): string {
    return this.element.hidden ? "" : (this.element.textContent ?? "");
  }
}

/** Scrolls `element` into view only as far as needed (nothing moves when it is already visible). */
export function reveal(element: HTMLElement): void {
  element.scrollIntoView?.({ block: "nearest", inline: "nearest" });
}

/** Scrolls a step that just opened to the top of the pane, where reading starts. */
export function revealTop(element: HTMLElement): void {
  element.scrollIntoView?.({ block: "start", inline: "nearest" });
}

/**
 * Runs `work` with `button` busy (disabled, spinner, aria-busy) so a slow request shows on the
 * button pressed and a second click cannot start it twice.
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

/** A problem with one input: `path` as the server names fields (`iban`, `lines[1].quantity`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The input a field path designates inside `root`: `data-path`, or a line's `data-field`. */
export function fieldElement(root: ParentNode, path: string): HTMLElement | null {
  const line = /^lines\[(\d+)\]\.(\w+)/.exec(path);
  if (line) {
    const fieldset = root.querySelectorAll<HTMLElement>(".quote-line")[Number(line[1])];
    return fieldset?.querySelector<HTMLElement>(`[data-field="${line[2]}"]`) ?? null;
  }
  return root.querySelector<HTMLElement>(`[data-path="${path}"]`);
}

/**
 * Marks the inputs of `problems` invalid and writes each message beside its input; clears the
 * marks and messages of earlier attempts. Returns the problems that match no input of `root`
 * (the caller lists them in the feedback line).
 */
export function showFieldProblems(root: ParentNode, problems: FieldProblem[]): FieldProblem[] {
  for (const el of root.querySelectorAll<HTMLElement>("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of root.querySelectorAll<HTMLElement>(".field-error")) el.remove();
  const unplaced: FieldProblem[] = [];
  const written = new Map<HTMLElement, HTMLElement>();
  for (const problem of problems) {
    const input = fieldElement(root, problem.path);
    if (!input) {
      unplaced.push(problem);
      continue;
    }
    input.setAttribute("aria-invalid", "true");
    let note = written.get(input);
    if (!note) {
      note = document.createElement("span");
      note.className = "field-error";
      note.id = `${input.id || `field-${Math.random().toString(36).slice(2)}`}-error`;
      input.setAttribute("aria-describedby", note.id);
      input.insertAdjacentElement("afterend", note);
      written.set(input, note);
      note.textContent = problem.message;
    } else {
      note.textContent = `${note.textContent} ${problem.message}`;
    }
  }
  return unplaced;
}

/** Shows or hides elements in one call. */
export function showIf(condition: boolean, ...elements: HTMLElement[]): void {
  for (const el of elements) el.hidden = !condition;
}

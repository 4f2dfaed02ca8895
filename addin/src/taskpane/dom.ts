/** A few DOM helpers; the pane is small enough not to need a framework. */
import type { MessageKey, Translate } from "./i18n.js";
import { fieldElement } from "./view.js";

export { withBusy } from "./view.js";

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

/** A new element with a class and a text (the pane builds its lists with it). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text = ""): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text) element.textContent = text;
  return element;
}

/** Data from the server or the user (names, IBAN, offer names): never translated, never checked for language. */
export function data<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className = ""): HTMLElementTagNameMap[K] {
  const element = el(tag, className, text);
  element.setAttribute("translate", "no");
  return element;
}

/** Marks the inputs whose `data-path` (or a line's `data-field`) matches an invalid field. */
export function markInvalid(root: ParentNode, paths: string[]): void {
  for (const element of root.querySelectorAll<HTMLElement>("[aria-invalid]")) element.removeAttribute("aria-invalid");
  for (const path of paths) fieldElement(root, path)?.setAttribute("aria-invalid", "true");
}

/** Every `data-i18n*` of `root` in the pane's language (the page, and each cloned template). */
export function translateTree(root: ParentNode, t: Translate): void {
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n]")) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLInputElement>("[data-i18n-placeholder]")) {
    el.placeholder = t(el.dataset.i18nPlaceholder as MessageKey);
  }
  for (const el of root.querySelectorAll<HTMLElement>("[data-i18n-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nLabel as MessageKey));
  }
}

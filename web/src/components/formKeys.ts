// Keyboard-first forms (the reception desk): Enter moves to the next field instead of submitting,
// Enter in the field marked data-submit-on-enter submits, Ctrl+Enter (⌘+Enter) submits from
// anywhere. Enter still chooses an option in a select, presses a button, and breaks a line in a
// text area.
import type { KeyboardEvent } from "react";

const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]';

function isRadio(el: Element): el is HTMLInputElement {
  return el instanceof HTMLInputElement && el.type === "radio";
}

/** The fields Tab would visit, in order: one stop per radio group (its checked radio). */
function tabStops(root: HTMLElement): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
  const groups = new Map<string, HTMLInputElement[]>();
  for (const el of all) {
    if (isRadio(el) && el.name) groups.set(el.name, [...(groups.get(el.name) ?? []), el]);
  }
  return all.filter((el) => {
    if (!isRadio(el) || !el.name) return true;
    const group = groups.get(el.name) ?? [];
    return el === (group.find((radio) => radio.checked) ?? group[0]);
  });
}

function focusNext(root: HTMLElement, from: HTMLElement): void {
  const stops = tabStops(root);
  let index = stops.indexOf(from);
  if (index < 0 && isRadio(from)) index = stops.findIndex((el) => isRadio(el) && el.name === from.name);
  stops[index + 1]?.focus();
}

/** onKeyDown for the <form> (antd Form); `submit` is the form's submit (form.submit()). */
export function keyboardFirst(submit: () => void) {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      submit();
      return;
    }
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
    if (target instanceof HTMLAnchorElement) return;
    if (!(target instanceof HTMLInputElement)) return;
    if (target.dataset.submitOnEnter === "true") return;
    // A select's search box: the select has chosen its option; do not submit the form.
    event.preventDefault();
    if (target.getAttribute("role") === "combobox") return;
    focusNext(event.currentTarget, target);
  };
}

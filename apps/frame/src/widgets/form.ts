/**
 * The named fields of a widget form → the action payload. Read from the DOM at submit time, so
 * every control stays uncontrolled and typing costs no re-render.
 */
export function formValues(form: HTMLFormElement | null | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  if (!form) return values
  for (const el of Array.from(form.elements) as (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[]) {
    const name = el.getAttribute('name')
    if (!name || el.disabled) continue
    if (el instanceof HTMLInputElement && el.type === 'checkbox') values[name] = el.checked
    else if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (el.checked) values[name] = el.value
      else if (!(name in values)) values[name] = null
    } else if (el instanceof HTMLInputElement && el.type === 'number') values[name] = el.value === '' ? null : Number(el.value)
    else values[name] = el.value
  }
  return values
}

/** A form's built-in validation (required, pattern, type=email); shows the browser's hints. */
export function formValid(form: HTMLFormElement | null | undefined): boolean {
  return !form || form.reportValidity()
}

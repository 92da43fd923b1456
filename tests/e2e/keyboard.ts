import { expect, type Locator, type Page } from "@playwright/test";

/** Presses Tab until `target` has focus: proves it is reachable from the keyboard, in order. */
export async function tabTo(page: Page, target: Locator, max = 200) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Could not reach ${target.toString()} with the Tab key`);
}

/** Tabs to a text box, clears it and types. */
export async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  if (text) await page.keyboard.type(text);
}

/** Tabs into a radio group (a fieldset) and moves with the arrow keys to the option. */
export async function chooseRadio(page: Page, group: Locator, option: string) {
  await tabTo(page, group);
  const target = group.getByRole("radio", { name: option, exact: true });
  for (let i = 0; i < 10 && !(await target.isChecked()); i++) {
    const focused = group.locator("input:focus");
    if (!(await focused.isChecked())) await page.keyboard.press("Space");
    if (await target.isChecked()) break;
    await page.keyboard.press("ArrowDown");
  }
  await expect(target).toBeChecked();
}

/** Tabs to a checkbox and ticks it with the space bar. */
export async function tick(page: Page, checkbox: Locator) {
  await tabTo(page, checkbox);
  if (!(await checkbox.isChecked())) await page.keyboard.press("Space");
  await expect(checkbox).toBeChecked();
}

/** Tabs to a select and picks an option by typing its label. */
export async function choose(page: Page, select: Locator, label: string) {
  await tabTo(page, select);
  await page.keyboard.type(label);
  await expect(select.locator("option:checked")).toHaveText(label);
}

/** Types a date and time into a datetime-local input, segment by segment (US order). */
export async function typeDateTime(page: Page, input: Locator, wall: string) {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall)!;
  const hour = Number(h);
  await tabTo(page, input);
  await page.keyboard.type(`${mo}${d}${y}`);
  // The year takes up to six digits, so it does not move on by itself.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type(`${String(hour % 12 === 0 ? 12 : hour % 12).padStart(2, "0")}${mi}`);
  await page.keyboard.type(hour < 12 ? "A" : "P");
  await expect(input).toHaveValue(wall);
}

export async function typeDate(page: Page, input: Locator, date: string) {
  const [, y, mo, d] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)!;
  await tabTo(page, input);
  await page.keyboard.type(`${mo}${d}${y}`);
  await expect(input).toHaveValue(date);
}

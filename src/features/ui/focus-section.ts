/**
 * After a change that removes the form a person was in (closure asked for, a report recorded, the
 * debrief marked complete), focus would fall back to the top of the page: this puts it on the
 * heading of the form's section instead (rendered with tabIndex -1), so a keyboard or screen-reader
 * user stays where they were and hears the section again, with its new state under it.
 */
export function focusSection(headingId: string) {
  document.getElementById(headingId)?.focus();
}

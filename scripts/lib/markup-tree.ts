/**
 * The markup of a page's <body>, as a tree a bare Next.js page can render again with React
 * (bench/bare/app/markup): what the framework alone costs to render a page of that size and shape,
 * with none of the page's data, checks or components. Reads React's own server output (quoted
 * attributes, escaped text), not HTML at large; scripts, styles and templates are left out.
 */
export type MarkupNode = string | [tag: string, attributes: Record<string, string | true>, children: MarkupNode[]];

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const SKIPPED = new Set(["script", "style", "template", "noscript", "link", "meta"]);
/** HTML attribute names React spells otherwise. */
const REACT_NAMES: Record<string, string> = {
  class: "className",
  for: "htmlFor",
  tabindex: "tabIndex",
  readonly: "readOnly",
  maxlength: "maxLength",
  minlength: "minLength",
  autocomplete: "autoComplete",
  autofocus: "autoFocus",
  colspan: "colSpan",
  rowspan: "rowSpan",
  inputmode: "inputMode",
  enctype: "encType",
  novalidate: "noValidate",
  srcset: "srcSet",
  crossorigin: "crossOrigin",
  datetime: "dateTime",
  spellcheck: "spellCheck",
  "accept-charset": "acceptCharset",
  // Form values as the server rendered them: uncontrolled, as React would start them.
  value: "defaultValue",
  checked: "defaultChecked",
};

/** Attributes that are on or off: "" in HTML, true in React. */
const BOOLEAN = new Set(["hidden", "disabled", "required", "multiple", "open", "readOnly", "autoFocus", "noValidate", "defaultChecked", "async", "defer"]);

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") return String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attributesOf(source: string): Record<string, string | true> {
  const attributes: Record<string, string | true> = {};
  for (const [, name, doubleQuoted, singleQuoted, bare] of source.matchAll(/([^\s="'>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const lower = name!.toLowerCase();
    // Inline styles are strings in HTML and objects in React; event handlers never reach HTML.
    // An option's "selected" is the select's value in React, which it would only warn about here.
    if (lower === "style" || lower === "selected" || lower.startsWith("on")) continue;
    const value = doubleQuoted ?? singleQuoted ?? bare;
    const reactName = REACT_NAMES[lower] ?? name!;
    attributes[reactName] = value === undefined || (value === "" && BOOLEAN.has(reactName)) ? true : decode(value);
  }
  return attributes;
}

export function markupTree(html: string): MarkupNode[] {
  const start = html.search(/<body[\s>]/i);
  const end = html.lastIndexOf("</body>");
  if (start < 0 || end < 0) throw new Error("the page has no <body>");
  const body = html.slice(html.indexOf(">", start) + 1, end);
  const root: MarkupNode = ["body", {}, []];
  const open: Exclude<MarkupNode, string>[] = [root];
  const token = /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|[^<]+|</g;
  let match: RegExpExecArray | null;
  while ((match = token.exec(body))) {
    const [whole, closing, opening, attributeSource, selfClosing] = match;
    const current = open.at(-1)!;
    if (whole.startsWith("<!--")) continue;
    if (closing) {
      const at = open.findLastIndex((node) => node[0].toLowerCase() === closing.toLowerCase());
      if (at > 0) open.length = at;
    } else if (opening) {
      const tag = opening.toLowerCase();
      if (SKIPPED.has(tag)) {
        if (!VOID.has(tag) && !selfClosing) {
          const close = body.toLowerCase().indexOf(`</${tag}`, token.lastIndex);
          token.lastIndex = close < 0 ? body.length : body.indexOf(">", close) + 1;
        }
        continue;
      }
      const node: MarkupNode = [opening, attributesOf(attributeSource ?? ""), []];
      current[2].push(node);
      if (!VOID.has(tag) && !selfClosing) open.push(node);
    } else {
      const text = decode(whole);
      if (text.trim()) current[2].push(text);
    }
  }
  return root[2];
}

/** Elements in a tree, to say how much markup a page has. */
export function elementCount(nodes: readonly MarkupNode[]): number {
  return nodes.reduce((sum, node) => sum + (typeof node === "string" ? 0 : 1 + elementCount(node[2])), 0);
}

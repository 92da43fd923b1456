import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";

// A page of Homeward's markup, rendered again by the bare app for every request (npm run
// bench:pages writes each page's <body> as a tree to BARE_MARKUP_DIR before measuring): what the
// framework alone costs to render that much markup, with no data, checks or components.
export const dynamic = "force-dynamic";

const trees = new Map();

function treeOf(page) {
  const folder = process.env.BARE_MARKUP_DIR;
  if (!folder || !/^[a-z0-9-]+$/.test(page)) return null;
  if (!trees.has(page)) trees.set(page, JSON.parse(readFileSync(path.join(folder, `${page}.json`), "utf8")));
  return trees.get(page);
}

function render(node, key) {
  if (typeof node === "string") return node;
  const [tag, attributes, children] = node;
  return createElement(tag, { ...attributes, key }, ...children.map(render));
}

export default async function Markup({ params }) {
  const tree = treeOf((await params).page);
  return tree ? tree.map(render) : null;
}

import { createHash } from "node:crypto";

/**
 * The dashboard's only script, inlined and allowed by its hash in the page's Content-Security-Policy. It
 * never builds HTML: the rows are rendered on the server side, and it only reorders and hides them.
 * - Sorting: a column title is a button; numbers sort by the cell's `data-value`, text with the page
 *   language's collation; empty cells stay last; `aria-sort` tells the direction.
 * - Filtering: the search box matches any cell (case-insensitive), the status menu keeps all, graded or
 *   errored rows, and a live region says how many rows are shown.
 */
export const DASHBOARD_SCRIPT = `(() => {
  "use strict";
  const table = document.getElementById("submissions");
  if (!table || !table.tHead || !table.tBodies[0]) return;
  const body = table.tBodies[0];
  const headers = Array.from(table.tHead.rows[0].cells);
  const collator = new Intl.Collator(document.documentElement.lang, { numeric: true, sensitivity: "base" });
  const valueOf = (row, index) => {
    const cell = row.cells[index];
    if (!cell) return "";
    return cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
  };
  headers.forEach((header, index) => {
    const button = header.querySelector("button");
    if (!button) return;
    button.addEventListener("click", () => {
      const direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      for (const other of headers) other.removeAttribute("aria-sort");
      header.setAttribute("aria-sort", direction);
      const numeric = header.dataset.type === "number";
      const sign = direction === "ascending" ? 1 : -1;
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = valueOf(a, index);
        const y = valueOf(b, index);
        if (x === "" || y === "") return (x === "" ? 1 : 0) - (y === "" ? 1 : 0);
        const order = numeric ? Number(x) - Number(y) : collator.compare(x, y);
        return sign * order;
      });
      body.append(...rows);
    });
  });
  const search = document.getElementById("filter-text");
  const status = document.getElementById("filter-status");
  const count = document.getElementById("filter-count");
  const applyFilter = () => {
    const words = search ? search.value.trim().toLocaleLowerCase() : "";
    const wanted = status ? status.value : "all";
    let shown = 0;
    for (const row of body.rows) {
      const text = Array.from(row.cells, (cell) => cell.textContent).join(" ").toLocaleLowerCase();
      const visible = (wanted === "all" || row.dataset.status === wanted) && (words === "" || text.includes(words));
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    if (count && count.dataset.template) {
      count.textContent = count.dataset.template
        .replace("{shown}", String(shown))
        .replace("{total}", String(body.rows.length));
    }
  };
  if (search) search.addEventListener("input", applyFilter);
  if (status) status.addEventListener("change", applyFilter);
  applyFilter();
})();`;

/** The CSP source that allows exactly `source` as an inline script: `'sha256-<base64>'`. */
export function scriptHashSource(source: string): string {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

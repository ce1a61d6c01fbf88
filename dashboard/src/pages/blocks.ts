// Pieces the area pages share: a panel, and a table of figures with last
// year beside them (each cell carries its raw value, as the API gave it).
import { h } from "../dom";
import { formatFigure, nameOf } from "../indicators";
import type { Figure } from "@gen/unionhub/reporting/v1/figures_pb";

export function panel(title: string, ...children: (Node | string | null)[]): HTMLElement {
  return h("section", { class: "panel" }, h("header", {}, h("h2", {}, title)), ...children);
}

export function byCode(figures: Figure[]): Map<string, Figure> {
  return new Map(figures.map((f) => [f.code, f]));
}

// Rows of [label, code]: the label defaults to the indicator's name.
export function figureTable(year: number, rows: [string | null, string][], figures: Map<string, Figure>, extra?: { title: string; cell: (code: string) => string }): HTMLTableElement {
  return h(
    "table",
    { class: "figures" },
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, "指标"), h("th", { scope: "col" }, `${year}年`), h("th", { scope: "col" }, `${year - 1}年`), extra ? h("th", { scope: "col" }, extra.title) : null),
    ),
    h(
      "tbody",
      {},
      ...rows.map(([label, code]) => {
        const f = figures.get(code);
        return h(
          "tr",
          { "data-code": code },
          h("th", { scope: "row" }, label ?? nameOf(code)),
          h("td", { class: "number", "data-value": String(f?.subtree?.value ?? 0) }, formatFigure(code, f?.subtree)),
          h("td", { class: "number" }, formatFigure(code, f?.previousSubtree)),
          extra ? h("td", { class: "number" }, extra.cell(code)) : null,
        );
      }),
    ),
  );
}

// A chart's box, named for readers who cannot see it.
export function chartBox(label: string): HTMLElement {
  return h("div", { class: "chart", role: "img", "aria-label": label });
}

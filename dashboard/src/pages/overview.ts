// 概览: the headline figures of an organisation's subtree for a year with
// last year beside them, a month-by-month trend, and its children ranked by
// any indicator, each a link one level down (the breadcrumb leads back up).
import { api } from "../api";
import { disposeCharts, drawChart } from "../charts";
import { h, replace } from "../dom";
import { chartLabel, chartNumber, formatFigure, indicator, nameOf } from "../indicators";
import type { Figure } from "@gen/unionhub/reporting/v1/figures_pb";
import { IndicatorKind } from "@gen/unionhub/reporting/v1/indicators_pb";
import { navigate } from "../route";
import { exportButtons } from "../download";
import { breadcrumb } from "./breadcrumb";
import type { PageContext } from "./page";

export const HEADLINE = [
  "members.active",
  "members.women",
  "members.migrant",
  "organisations.grassroots",
  "rate.founding",
  "rate.joining",
  "hardship.deep",
  "hardship.relative",
  "hardship.accident",
  "aid.people",
  "aid.fen",
  "proposals.received",
  "proposals.accepted",
  "rate.satisfaction",
  "rate.disclosure_on_time",
  "contracts.in_force",
];

// "2026-12", to compare with a trend's months.
function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

function figureCard(f: Figure, year: number): HTMLElement {
  const now = formatFigure(f.code, f.subtree);
  const before = formatFigure(f.code, f.previousSubtree);
  const i = indicator(f.code);
  const up = i?.kind === IndicatorKind.RATE
    ? null
    : Number(f.subtree?.value ?? 0) - Number(f.previousSubtree?.value ?? 0);
  return h(
    "article",
    { class: "card", "data-code": f.code, title: i?.definition ?? "" },
    h("h3", {}, nameOf(f.code)),
    h("p", { class: "value", "data-value": String(f.subtree?.value ?? 0) }, now),
    h(
      "p",
      { class: "previous" },
      `${year - 1}年 ${before}`,
      up === null || up === 0 ? "" : h("span", { class: up > 0 ? "up" : "down" }, up > 0 ? " ▲" : " ▼"),
    ),
  );
}

function indicatorSelect(label: string, id: string, value: string, codes: string[], onChange: (code: string) => void) {
  const select = h(
    "select",
    { id, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    ...codes.map((c) => h("option", { value: c, selected: c === value }, nameOf(c))),
  );
  return h("label", { class: "picker", for: id }, label, select);
}

export async function renderOverview(main: HTMLElement, context: PageContext): Promise<void> {
  const { route } = context;
  const [orgResponse, figures, trend, previousTrend, ranked] = await Promise.all([
    api.organisations.getOrganisation({ id: context.org }),
    api.figures.getFigures({ organisationId: context.org, year: route.year, indicatorCodes: HEADLINE }),
    api.figures.getTrend({ organisationId: context.org, indicatorCode: route.trend, year: route.year }),
    api.figures.getTrend({ organisationId: context.org, indicatorCode: route.trend, year: route.year - 1 }),
    api.figures.rankChildren({ organisationId: context.org, indicatorCode: route.rank, year: route.year }),
  ]);
  const org = orgResponse.organisation!;
  const crumbs = await breadcrumb(org, context.me.organisationId);
  const choices = HEADLINE.filter((c) => indicator(c));

  disposeCharts();
  const chartBox = h("div", { class: "chart", role: "img", "aria-label": `${nameOf(route.trend)}逐月趋势` });
  const maxRanked = Math.max(1, ...ranked.organisations.map((o) => Math.abs(chartNumber(route.rank, o.value))));
  replace(
    main,
    crumbs,
    h("h2", {}, `${org.name} · ${route.year}年`),
    h(
      "div",
      { class: "bar-line" },
      exportButtons("figures", (format) =>
        api.exports.exportFigures({ organisationId: context.org, year: route.year, indicatorCodes: HEADLINE, format }),
      ),
    ),
    h("section", { class: "cards", "aria-label": "主要指标" }, ...figures.figures.map((f) => figureCard(f, route.year))),
    h(
      "section",
      { class: "panel" },
      h("header", {}, h("h2", {}, "逐月趋势"), indicatorSelect("指标", "trend-indicator", route.trend, choices, (c) => navigate({ trend: c }))),
      chartBox,
    ),
    h(
      "section",
      { class: "panel" },
      h(
        "header",
        {},
        h("h2", {}, "下级排名"),
        exportButtons("league", (format) =>
          api.exports.exportLeagueTable({ organisationId: context.org, indicatorCode: route.rank, year: route.year, format }),
        ),
        indicatorSelect("按", "rank-indicator", route.rank, choices, (c) => navigate({ rank: c })),
      ),
      ranked.organisations.length === 0
        ? h("p", { class: "empty" }, "没有下级组织。")
        : h(
            "table",
            { class: "league" },
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "名次"), h("th", { scope: "col" }, "组织"), h("th", { scope: "col" }, nameOf(route.rank)), h("th", { scope: "col" }, `${route.year - 1}年`))),
            h(
              "tbody",
              {},
              ...ranked.organisations.map((o) => {
                const bar = h("span", { class: "bar" });
                bar.style.width = `${(Math.abs(chartNumber(route.rank, o.value)) * 100) / maxRanked}%`;
                return h(
                  "tr",
                  { "data-org": o.organisationId },
                  h("td", {}, String(o.rank)),
                  h("td", {}, h("a", { href: "#", onclick: (e: Event) => { e.preventDefault(); navigate({ org: o.organisationId }); } }, o.name)),
                  h("td", { class: "number" }, h("span", { class: "figure" }, formatFigure(route.rank, o.value)), bar),
                  h("td", { class: "number" }, formatFigure(route.rank, o.previousValue)),
                );
              }),
            ),
          ),
    ),
  );
  drawChart(
    chartBox,
    "line",
    trend.months.map((m) => `${Number(m.month.slice(5))}月`),
    [
      {
        name: `${route.year}年`,
        // Months still to come are not zero: they are not drawn.
        values: trend.months.map((m) => (m.month > thisMonth() ? null : chartNumber(route.trend, m.value))),
      },
      { name: `${route.year - 1}年`, values: previousTrend.months.map((m) => chartNumber(route.trend, m.value)) },
    ],
    chartLabel(route.trend),
  );
}

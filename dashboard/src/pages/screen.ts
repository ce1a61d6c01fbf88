// 数据大屏: the wall display before a meeting. Big figures, aid by month and
// the children ranked, redrawn every minute by itself (?refresh=N seconds);
// full screen on a click.
import { api } from "../api";
import { disposeCharts, drawChart } from "../charts";
import { h, replace } from "../dom";
import { chartLabel, chartNumber, formatFigure, nameOf } from "../indicators";
import type { PageContext } from "./page";

const WALL = [
  "members.active",
  "organisations.grassroots",
  "rate.joining",
  "aid.people",
  "aid.fen",
  "proposals.received",
  "rate.satisfaction",
  "contracts.in_force",
];
// Seconds between redraws: ?refresh=N in the address (5 to 3600), else 60.
function refreshMs(): number {
  const n = Number(new URLSearchParams(location.hash.split("?")[1] ?? "").get("refresh"));
  return (Number.isInteger(n) && n >= 5 && n <= 3600 ? n : 60) * 1000;
}

async function draw(main: HTMLElement, context: PageContext): Promise<void> {
  const { year } = context.route;
  const [org, figures, aid, ranked] = await Promise.all([
    api.organisations.getOrganisation({ id: context.org }),
    api.figures.getFigures({ organisationId: context.org, year, indicatorCodes: WALL }),
    api.figures.getTrend({ organisationId: context.org, indicatorCode: "aid.fen", year }),
    api.figures.rankChildren({ organisationId: context.org, indicatorCode: "members.active", year }),
  ]);
  disposeCharts();
  const aidBox = h("div", { class: "chart", role: "img", "aria-label": "逐月帮扶金额" });
  const rankBox = h("div", { class: "chart", role: "img", "aria-label": "下级会员人数" });
  const now = new Date();
  replace(
    main,
    h(
      "header",
      { class: "wall-head" },
      h("h2", {}, `${org.organisation!.name} ${year}年工会工作数据`),
      h("p", { class: "clock" }, `更新于 ${now.getHours()}:${String(now.getMinutes()).padStart(2, "0")}`),
      h(
        "button",
        { type: "button", class: "quiet", onclick: () => document.documentElement.requestFullscreen?.().catch(() => {}) },
        "全屏",
      ),
    ),
    h(
      "section",
      { class: "wall-figures" },
      ...figures.figures.map((f) =>
        h("div", { class: "wall-figure", "data-code": f.code }, h("p", { class: "value", "data-value": String(f.subtree?.value ?? 0) }, formatFigure(f.code, f.subtree)), h("h3", {}, nameOf(f.code))),
      ),
    ),
    h("section", { class: "wall-charts" }, h("div", {}, h("h3", {}, "逐月帮扶金额"), aidBox), h("div", {}, h("h3", {}, "下级会员人数"), rankBox)),
  );
  drawChart(aidBox, "bar", aid.months.map((m) => `${Number(m.month.slice(5))}月`), [{ name: `${year}年`, values: aid.months.map((m) => chartNumber("aid.fen", m.value)) }], chartLabel("aid.fen"), { dark: true });
  drawChart(rankBox, "bar", ranked.organisations.map((o) => o.name), [{ name: nameOf("members.active"), values: ranked.organisations.map((o) => chartNumber("members.active", o.value)) }], chartLabel("members.active"), { dark: true });
  main.dataset.drawn = String(Number(main.dataset.drawn ?? 0) + 1);
}

// Draws the wall and redraws it every minute; returns what stops that. A
// failed redraw keeps the last figures up and tries again next time.
export async function renderScreen(main: HTMLElement, context: PageContext): Promise<() => void> {
  document.documentElement.classList.add("wall");
  await draw(main, context);
  const timer = setInterval(() => {
    draw(main, context).then(
      () => main.querySelector(".clock")?.classList.remove("stale"),
      () => main.querySelector(".clock")?.classList.add("stale"),
    );
  }, refreshMs());
  return () => {
    clearInterval(timer);
    document.documentElement.classList.remove("wall");
  };
}

// 组织建设: founding progress of the enterprise register, members in and out
// month by month, model workers by level, activities.
import { api } from "../api";
import { drawChart } from "../charts";
import { replace } from "../dom";
import { chartLabel, chartNumber } from "../indicators";
import { breadcrumb } from "./breadcrumb";
import { byCode, chartBox, figureTable, panel } from "./blocks";
import type { PageContext } from "./page";

const FOUNDING = ["enterprises.registered", "enterprises.required", "enterprises.founded", "enterprises.founded_in_period", "rate.founding", "workers.founded_enterprises", "rate.joining"];
const MEMBERS = ["members.active", "members.women", "members.migrant", "members.joined", "members.transferred_in", "members.departed", "organisations.grassroots"];
const MODEL_WORKERS = ["model_workers.national", "model_workers.provincial", "model_workers.city"];
const ACTIVITIES = ["activities.held", "activities.participants"];

export async function renderOrganisation(main: HTMLElement, context: PageContext): Promise<void> {
  const { year } = context.route;
  const trend = (code: string) => api.figures.getTrend({ organisationId: context.org, indicatorCode: code, year });
  const [org, response, required, founded, joined, departed] = await Promise.all([
    api.organisations.getOrganisation({ id: context.org }),
    api.figures.getFigures({ organisationId: context.org, year, indicatorCodes: [...FOUNDING, ...MEMBERS, ...MODEL_WORKERS, ...ACTIVITIES] }),
    trend("enterprises.required"),
    trend("enterprises.founded"),
    trend("members.joined"),
    trend("members.departed"),
  ]);
  const figures = byCode(response.figures);
  const foundingChart = chartBox("企业建会进度");
  const membersChart = chartBox("会员增减");
  const months = required.months.map((m) => `${Number(m.month.slice(5))}月`);
  const rows = (codes: string[]) => codes.map((c): [null, string] => [null, c]);
  replace(
    main,
    await breadcrumb(org.organisation!, context.me.organisationId),
    panel("企业建会进度", foundingChart, figureTable(year, rows(FOUNDING), figures)),
    panel("会员发展", membersChart, figureTable(year, rows(MEMBERS), figures)),
    panel("劳动模范", figureTable(year, rows(MODEL_WORKERS), figures)),
    panel("文体活动", figureTable(year, rows(ACTIVITIES), figures)),
  );
  drawChart(
    foundingChart,
    "line",
    months,
    [
      { name: "应建会企业", values: required.months.map((m) => chartNumber("enterprises.required", m.value)) },
      { name: "已建会企业", values: founded.months.map((m) => chartNumber("enterprises.founded", m.value)) },
    ],
    chartLabel("enterprises.founded"),
  );
  drawChart(
    membersChart,
    "bar",
    months,
    [
      { name: "新发展", values: joined.months.map((m) => chartNumber("members.joined", m.value)) },
      { name: "减少", values: departed.months.map((m) => chartNumber("members.departed", m.value)) },
    ],
    chartLabel("members.joined"),
  );
}

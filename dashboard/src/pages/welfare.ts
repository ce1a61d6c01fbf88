// 维权帮扶: aid by campaign kind and month, hardship files by level and cause,
// condolence visits by event, letters, visits and rights cases.
import { api } from "../api";
import { drawChart } from "../charts";
import { h, replace } from "../dom";
import { chartLabel, chartNumber, formatFigure } from "../indicators";
import { breadcrumb } from "./breadcrumb";
import { byCode, chartBox, figureTable, panel } from "./blocks";
import type { PageContext } from "./page";

const CAMPAIGNS: [string, string][] = [
  ["送温暖", "spring_warmth"],
  ["金秋助学", "student_aid"],
  ["劳模帮扶", "model_worker_aid"],
  ["医疗互助", "medical_aid"],
  ["其他帮扶", "other_aid"],
];
const EVENTS: [string, string][] = [
  ["生病住院", "sickness"],
  ["生育", "childbirth"],
  ["结婚", "marriage"],
  ["会员去世", "member_death"],
  ["直系亲属去世", "relative_death"],
  ["退休职工节日", "retiree_festival"],
  ["生日", "birthday"],
];
const HARDSHIP = ["hardship.deep", "hardship.relative", "hardship.accident"];
const CAUSES: [string, string][] = [
  ["因病", "illness"],
  ["因残", "disability"],
  ["因灾", "disaster"],
  ["子女教育", "child_education"],
  ["单亲", "single_parent"],
  ["失业", "unemployment"],
  ["其他", "other"],
];
const CASES = ["cases.letters_received", "cases.rights_received", "cases.resolved", "rate.cases_on_time", "cases.money_recovered_fen"];

export async function renderWelfare(main: HTMLElement, context: PageContext): Promise<void> {
  const { year } = context.route;
  const codes = [
    "aid.people",
    "aid.fen",
    ...CAMPAIGNS.flatMap(([, k]) => [`aid.${k}.people`, `aid.${k}.fen`]),
    ...HARDSHIP,
    "hardship.opened",
    ...CAUSES.map(([, c]) => `hardship.cause.${c}`),
    "condolence.visits",
    "condolence.fen",
    ...EVENTS.flatMap(([, e]) => [`condolence.${e}.visits`, `condolence.${e}.fen`]),
    ...CASES,
  ];
  const [org, response, ...trends] = await Promise.all([
    api.organisations.getOrganisation({ id: context.org }),
    api.figures.getFigures({ organisationId: context.org, year, indicatorCodes: codes }),
    ...CAMPAIGNS.map(([, k]) => api.figures.getTrend({ organisationId: context.org, indicatorCode: `aid.${k}.fen`, year })),
  ]);
  const figures = byCode(response.figures);
  const aidChart = chartBox("各类帮扶逐月金额");
  const hardshipChart = chartBox("困难职工档案分级");
  const causeChart = chartBox("困难职工致困原因");
  const people = (code: string) => formatFigure(code, figures.get(code)?.subtree);
  replace(
    main,
    await breadcrumb(org.organisation!, context.me.organisationId),
    panel(
      "帮扶资金逐月发放（按活动类别）",
      aidChart,
      figureTable(
        year,
        [["帮扶金额合计", "aid.fen"], ...CAMPAIGNS.map(([name, k]): [string, string] => [`${name}金额`, `aid.${k}.fen`])],
        figures,
        { title: "人次", cell: (code) => people(code.replace(/\.fen$/, ".people")) },
      ),
    ),
    panel(
      "困难职工档案（按级别、致困原因）",
      h("div", { class: "two-charts" }, hardshipChart, causeChart),
      figureTable(
        year,
        [...HARDSHIP.map((c): [null, string] => [null, c]), [null, "hardship.opened"], ...CAUSES.map(([, c]): [null, string] => [null, `hardship.cause.${c}`])],
        figures,
      ),
      h("p", { class: "hint" }, "一户可有多个致困原因，按原因统计的档案数之和可大于档案总数。"),
    ),
    panel(
      "送温暖·婚丧嫁娶慰问（按事由）",
      figureTable(
        year,
        [["慰问金额合计", "condolence.fen"], ...EVENTS.map(([name, e]): [string, string] => [`${name}慰问金额`, `condolence.${e}.fen`])],
        figures,
        { title: "人次", cell: (code) => people(code.replace(/\.fen$/, ".visits")) },
      ),
    ),
    panel("来信来访与维权", figureTable(year, CASES.map((c): [null, string] => [null, c]), figures)),
  );
  drawChart(
    aidChart,
    "bar",
    trends[0].months.map((m) => `${Number(m.month.slice(5))}月`),
    CAMPAIGNS.map(([name, k], i) => ({ name, values: trends[i].months.map((m) => chartNumber(`aid.${k}.fen`, m.value)) })),
    chartLabel("aid.fen"),
    { stacked: true },
  );
  drawChart(
    hardshipChart,
    "bar",
    ["深度困难", "相对困难", "意外致困"],
    [
      { name: `${year}年`, values: HARDSHIP.map((c) => chartNumber(c, figures.get(c)?.subtree)) },
      { name: `${year - 1}年`, values: HARDSHIP.map((c) => chartNumber(c, figures.get(c)?.previousSubtree)) },
    ],
    chartLabel("hardship.deep"),
  );
  drawChart(
    causeChart,
    "bar",
    CAUSES.map(([name]) => name),
    [{ name: `${year}年`, values: CAUSES.map(([, c]) => chartNumber(`hardship.cause.${c}`, figures.get(`hardship.cause.${c}`)?.subtree)) }],
    chartLabel("hardship.deep"),
  );
}

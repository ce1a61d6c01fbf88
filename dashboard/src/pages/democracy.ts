// 民主管理: the proposal funnel from forms to satisfied proposers, the
// congress's composition against its rules (a union's own term) or in sum
// (a federation's), disclosure on time, collective contracts.
import { api } from "../api";
import { drawChart } from "../charts";
import { h, replace } from "../dom";
import { count, percent } from "../format";
import { chartLabel, chartNumber } from "../indicators";
import { breadcrumb } from "./breadcrumb";
import { byCode, chartBox, figureTable, panel } from "./blocks";
import type { PageContext } from "./page";
import {
  CompositionBound,
  CompositionMeasure,
  RepresentativeGroup,
} from "@gen/unionhub/democracy/v1/congress_pb";
import type { GetCompositionResponse } from "@gen/unionhub/democracy/v1/representatives_pb";

const FUNNEL: [string, string][] = [
  ["征集", "proposals.received"],
  ["立案", "proposals.accepted"],
  ["已答复", "proposals.replied"],
  ["按期答复", "proposals.replied_on_time"],
  ["已评价", "proposals.rated"],
  ["满意", "proposals.satisfied"],
];
const REPRESENTATIVES = ["representatives.seated", "representatives.women", "representatives.young", "representatives.frontline", "rate.representatives_women"];
const DISCLOSURE = ["disclosure.published", "disclosure.due", "disclosure.on_time", "disclosure.late", "disclosure.missing", "rate.disclosure_on_time"];
const CONTRACTS = ["contracts.in_force", "contracts.workers_covered"];
const GROUP_NAMES: Partial<Record<RepresentativeGroup, string>> = {
  [RepresentativeGroup.TEACHER]: "教师",
  [RepresentativeGroup.MANAGER]: "管理人员",
  [RepresentativeGroup.FRONTLINE]: "一线职工",
  [RepresentativeGroup.TECHNICAL]: "专业技术人员",
  [RepresentativeGroup.OTHER]: "其他",
};

// The union's latest congress term and its composition, if it has one.
async function composition(org: string): Promise<{ name: string; c: GetCompositionResponse } | null> {
  const terms = await api.congress.listCongressTerms({ organisationId: org, pageSize: 100 });
  const latest = [...terms.terms].sort((a, b) => b.number - a.number)[0];
  if (!latest) return null;
  return { name: latest.name, c: await api.representatives.getComposition({ termId: latest.id }) };
}

function rulesTable(c: GetCompositionResponse): HTMLElement {
  return h(
    "table",
    { class: "figures rules" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "结构要求"), h("th", { scope: "col" }, "现状"), h("th", { scope: "col" }, "是否符合"))),
    h(
      "tbody",
      {},
      ...c.rules.map((r) => {
        const rule = r.rule!;
        const who =
          rule.measure === CompositionMeasure.WOMEN ? "女代表" : rule.measure === CompositionMeasure.YOUNG ? "青年代表（35岁以下）" : `${GROUP_NAMES[rule.group] ?? "该类"}代表`;
        const bound = rule.bound === CompositionBound.AT_MOST ? "不高于" : "不低于";
        return h(
          "tr",
          { "data-met": String(r.met) },
          h("th", { scope: "row" }, `${who}${bound}${rule.shareBasisPoints / 100}%`),
          h("td", { class: "number" }, `${r.count} / ${r.total}（${percent(r.count, r.total)}）`),
          h("td", { class: r.met ? "ok" : "error" }, r.met ? "✓ 符合" : "✗ 不符合"),
        );
      }),
    ),
  );
}

export async function renderDemocracy(main: HTMLElement, context: PageContext): Promise<void> {
  const { year } = context.route;
  const [org, response, term] = await Promise.all([
    api.organisations.getOrganisation({ id: context.org }),
    api.figures.getFigures({
      organisationId: context.org,
      year,
      indicatorCodes: [...FUNNEL.map(([, c]) => c), "rate.replied_on_time", "rate.satisfaction", ...REPRESENTATIVES, ...DISCLOSURE, ...CONTRACTS],
    }),
    composition(context.org),
  ]);
  const figures = byCode(response.figures);
  const funnelChart = chartBox("提案办理漏斗");
  const groupChart = term ? chartBox("代表构成") : null;
  replace(
    main,
    await breadcrumb(org.organisation!, context.me.organisationId),
    panel(
      "提案办理（从征集到满意）",
      funnelChart,
      figureTable(year, [...FUNNEL.map(([, c]): [null, string] => [null, c]), [null, "rate.replied_on_time"], [null, "rate.satisfaction"]], figures),
    ),
    term
      ? panel(
          `${term.name}代表构成`,
          h("p", {}, `在任代表 ${count(term.c.seated)} 人，其中女代表 ${count(term.c.women)} 人。`),
          rulesTable(term.c),
          groupChart,
        )
      : panel("代表构成（下属各单位合计）", figureTable(year, REPRESENTATIVES.map((c): [null, string] => [null, c]), figures)),
    panel("校务（厂务）公开", figureTable(year, DISCLOSURE.map((c): [null, string] => [null, c]), figures)),
    panel("集体合同", figureTable(year, CONTRACTS.map((c): [null, string] => [null, c]), figures)),
  );
  drawChart(
    funnelChart,
    "bar",
    FUNNEL.map(([name]) => name),
    [
      { name: `${year}年`, values: FUNNEL.map(([, c]) => chartNumber(c, figures.get(c)?.subtree)) },
      { name: `${year - 1}年`, values: FUNNEL.map(([, c]) => chartNumber(c, figures.get(c)?.previousSubtree)) },
    ],
    chartLabel("proposals.received"),
    { horizontal: true },
  );
  if (term && groupChart) {
    drawChart(
      groupChart,
      "bar",
      // Keys are the proto enum's names ("REPRESENTATIVE_GROUP_TEACHER").
      term.c.byGroup.map((g) => {
        const group = RepresentativeGroup[g.key.replace("REPRESENTATIVE_GROUP_", "") as keyof typeof RepresentativeGroup];
        return GROUP_NAMES[group] ?? g.key;
      }),
      [{ name: "代表人数", values: term.c.byGroup.map((g) => g.count) }],
      (n) => count(n),
    );
  }
}

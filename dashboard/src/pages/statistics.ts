// 统计年报: a grassroots union fills in the lines no record carries, sees the
// logic and variance checks, and submits; the union above sees where each
// child stands and approves, returns or exempts. Buttons show only for what
// this key may do; the API decides anyway.
import { api, explain } from "../api";
import { h, replace } from "../dom";
import { chineseDate, count, yuan } from "../format";
import { navigate } from "../route";
import { exportButtons } from "../download";
import { breadcrumb } from "./breadcrumb";
import type { PageContext } from "./page";
import {
  type ChildForm,
  type FormField,
  FormStatus,
  type StatisticsForm,
} from "@gen/unionhub/reporting/v1/statistics_pb";
import { type Timestamp, timestampDate } from "@bufbuild/protobuf/wkt";

export const STATUS_NAMES: Record<FormStatus, string> = {
  [FormStatus.UNSPECIFIED]: "—",
  [FormStatus.DRAFT]: "草稿",
  [FormStatus.SUBMITTED]: "已上报",
  [FormStatus.RETURNED]: "已退回",
  [FormStatus.APPROVED]: "已审核",
  [FormStatus.EXEMPT]: "免报",
  [FormStatus.NOT_STARTED]: "未填报",
};

const STEP_NAMES: Record<string, string> = {
  saved: "保存",
  submitted: "上报",
  approved: "审核通过",
  returned: "退回",
  exempted: "免报",
};

// Money lines are kept in fen and shown in 元.
function fieldName(f: FormField): string {
  return f.code.endsWith("_fen") ? f.nameZh.replace("（分）", "") : f.nameZh;
}

function fieldValue(f: FormField): string {
  return f.code.endsWith("_fen") ? yuan(f.value) : count(f.value);
}

function when(t: Timestamp | undefined): string {
  if (!t) return "";
  const d = timestampDate(t);
  return `${chineseDate(d.toISOString())} ${d.toTimeString().slice(0, 5)}`;
}

function statusBadge(status: FormStatus): HTMLElement {
  return h("span", { class: `badge status-${FormStatus[status].toLowerCase()}` }, STATUS_NAMES[status]);
}

// The form's lines: hand-entered ones as inputs while it may be changed.
function formTable(form: StatisticsForm, editable: boolean): HTMLTableElement {
  return h(
    "table",
    { class: "form-lines" },
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, "项目"), h("th", { scope: "col" }, `${form.year}年`), h("th", { scope: "col" }, "上年"), h("th", { scope: "col" }, "说明")),
    ),
    h(
      "tbody",
      {},
      ...form.fields.map((f) =>
        h(
          "tr",
          { "data-field": f.code },
          h("th", { scope: "row" }, fieldName(f), f.byHand ? h("span", { class: "hand" }, "（填报）") : ""),
          h(
            "td",
            { class: "number" },
            editable && f.byHand
              ? h("input", { type: "number", min: "0", step: "1", name: f.code, value: String(f.value), "aria-label": f.nameZh, required: true })
              : fieldValue(f),
          ),
          h("td", { class: "number" }, f.lastYearValue === undefined ? "—" : fieldValue({ ...f, value: f.lastYearValue })),
          h(
            "td",
            {},
            editable
              ? h("input", { type: "text", name: `explain:${f.code}`, value: f.explanation, maxlength: "200", "aria-label": `${f.nameZh}的变动说明` })
              : f.explanation,
          ),
        ),
      ),
    ),
  );
}

function problemList(form: StatisticsForm): HTMLElement {
  if (form.problems.length === 0) return h("p", { class: "ok" }, "逻辑校验和变动校验均已通过。");
  const names = new Map(form.fields.map((f) => [f.code, fieldName(f)]));
  return h(
    "ul",
    { class: "problems", "aria-label": "校验结果" },
    ...form.problems.map((p) =>
      h(
        "li",
        { class: p.blocking ? "blocking" : "warning" },
        h("strong", {}, p.blocking ? "须修改：" : "须说明："),
        p.description,
        h("span", { class: "fields" }, `（${p.fields.map((c) => names.get(c) ?? c).join("、")}）`),
      ),
    ),
  );
}

function stepList(form: StatisticsForm): HTMLElement | null {
  if (form.steps.length === 0) return null;
  return h(
    "ol",
    { class: "steps", "aria-label": "办理记录" },
    ...form.steps.map((s) => h("li", {}, `${when(s.time)} ${STEP_NAMES[s.step] ?? s.step}`, s.note ? `：${s.note}` : "")),
  );
}

// The children's forms, with a review for each submitted one.
function childTable(children: ChildForm[], context: PageContext, reload: () => void, say: (m: string) => void): HTMLElement {
  const { year } = context.route;
  const act = async (child: ChildForm, action: "approve" | "return" | "exempt", reason: string) => {
    try {
      if (action === "exempt") {
        await api.statistics.exemptStatisticsForm({ organisationId: child.organisationId, year, reason });
      } else {
        const { form } = await api.statistics.getStatisticsForm({ organisationId: child.organisationId, year });
        await api.statistics.reviewStatisticsForm({
          organisationId: child.organisationId,
          year,
          approve: action === "approve",
          reason,
          etag: form!.etag,
        });
      }
      reload();
    } catch (e) {
      say(explain(e));
    }
  };
  return h(
    "table",
    { class: "children" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "下级组织"), h("th", { scope: "col" }, "状态"), h("th", { scope: "col" }, "更新时间"), context.canWrite ? h("th", { scope: "col" }, "审核") : null)),
    h(
      "tbody",
      {},
      ...children.map((c) => {
        const reason = h("input", { type: "text", maxlength: "200", placeholder: "退回或免报的原因", "aria-label": `${c.organisationName}的原因` });
        const need = () => {
          if (reason.value.trim()) return true;
          say("请填写原因。");
          reason.focus();
          return false;
        };
        const actions =
          c.status === FormStatus.SUBMITTED
            ? [
                h("button", { type: "button", "data-action": "approve", onclick: () => act(c, "approve", "") }, "审核通过"),
                reason,
                h("button", { type: "button", class: "secondary", "data-action": "return", onclick: () => need() && act(c, "return", reason.value.trim()) }, "退回"),
              ]
            : c.status === FormStatus.APPROVED || c.status === FormStatus.EXEMPT
              ? []
              : [reason, h("button", { type: "button", class: "secondary", "data-action": "exempt", onclick: () => need() && act(c, "exempt", reason.value.trim()) }, "免报")];
        return h(
          "tr",
          { "data-org": c.organisationId, "data-status": FormStatus[c.status] },
          h("td", {}, h("a", { href: "#", onclick: (e: Event) => { e.preventDefault(); navigate({ org: c.organisationId }); } }, c.organisationName)),
          h("td", {}, statusBadge(c.status)),
          h("td", {}, when(c.updateTime)),
          context.canWrite ? h("td", {}, h("div", { class: "actions" }, ...actions)) : null,
        );
      }),
    ),
  );
}

export async function renderStatistics(main: HTMLElement, context: PageContext, reload: () => void): Promise<void> {
  const { year } = context.route;
  const [orgResponse, formResponse, children] = await Promise.all([
    api.organisations.getOrganisation({ id: context.org }),
    api.statistics.getStatisticsForm({ organisationId: context.org, year }),
    api.statistics.listChildForms({ organisationId: context.org, year }),
  ]);
  const org = orgResponse.organisation!;
  let form = formResponse.form!;
  const own = context.org === context.me.organisationId;
  const message = h("p", { class: "error", role: "alert" });
  const say = (m: string) => replace(message, m);

  const body = h("section", { class: "panel" });
  const draw = () => {
    // The union's own form, not yet submitted; a roll-up's lines are its
    // children's, so only a grassroots form has lines to fill in.
    const submittable = own && context.canWrite &&
      (form.status === FormStatus.DRAFT || form.status === FormStatus.RETURNED || form.status === FormStatus.NOT_STARTED);
    const editable = submittable && !form.rollUp;
    // A roll-up goes up only once every child is approved or exempt.
    const waiting = form.rollUp && children.done < children.children.length;
    const blocked = form.problems.some((p) => p.blocking) || waiting;
    const formEl = h("form", { class: "statistics", "aria-label": "统计年报" }, formTable(form, editable));
    const collect = () => {
      const handValues: Record<string, bigint> = {};
      const explanations: Record<string, string> = {};
      for (const input of formEl.querySelectorAll<HTMLInputElement>("input")) {
        if (input.name.startsWith("explain:")) {
          explanations[input.name.slice(8)] = input.value.trim();
        } else {
          handValues[input.name] = BigInt(Math.max(0, Math.trunc(Number(input.value) || 0)));
        }
      }
      return { handValues, explanations };
    };
    const save = async () => {
      const r = await api.statistics.updateStatisticsForm({ organisationId: context.org, year, etag: form.etag, ...collect() });
      form = r.form!;
    };
    // Runs a step, draws the form as it now is and says how it went.
    const run = (step: () => Promise<string>) => async () => {
      say("");
      try {
        const done = await step();
        draw();
        say(done);
      } catch (e) {
        say(explain(e));
      }
    };
    replace(
      body,
      h("header", {}, h("h2", {}, `${form.organisationName} ${year}年统计年报`, form.rollUp ? "（汇总）" : ""), statusBadge(form.status)),
      form.note ? h("p", { class: "note" }, `审核意见：${form.note}`) : null,
      problemList(form),
      formEl,
      editable || submittable
        ? h(
            "div",
            { class: "buttons" },
            editable
              ? h(
                  "button",
                  { type: "button", class: "secondary", "data-action": "save", onclick: run(async () => (await save(), "已保存，校验结果已更新。")) },
                  "保存并校验",
                )
              : null,
            h(
              "button",
              {
                type: "button",
                "data-action": "submit",
                disabled: blocked && !editable,
                title: waiting ? "下级尚未全部审核或免报" : blocked ? "请先修改须修改的项目" : "",
                onclick: run(async () => {
                  if (editable) await save();
                  if (form.problems.some((p) => p.blocking)) return "校验未通过：请先修改标为“须修改”的项目。";
                  form = (await api.statistics.submitStatisticsForm({ organisationId: context.org, year, etag: form.etag })).form!;
                  return "已上报，等待上级审核。";
                }),
              },
              "上报",
            ),
            waiting ? h("span", { class: "hint" }, "下级尚未全部审核或免报，汇总表暂不能上报。") : null,
          )
        : null,
      message,
      stepList(form),
    );
  };
  draw();

  replace(
    main,
    await breadcrumb(org, context.me.organisationId),
    body,
    children.children.length === 0
      ? null
      : h(
          "section",
          { class: "panel" },
          h(
            "header",
            {},
            h("h2", {}, "下级上报情况"),
            h("p", { class: "progress" }, `已审核或免报 ${children.done} / ${children.children.length}`),
            exportButtons("forms", (format) => api.exports.exportStatisticsForms({ organisationId: context.org, year, format })),
          ),
          childTable(children.children, context, reload, say),
        ),
  );
}

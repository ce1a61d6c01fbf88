// 工作总结: the year drafted from the figures, each figure highlighted (and
// flagged when it changed since); the officer edits it sentence by sentence
// and saves a new version; it downloads as a Word document.
import { api, explain } from "../api";
import { h, replace } from "../dom";
import { chineseDate } from "../format";
import { saveBlob } from "../download";
import { breadcrumb } from "./breadcrumb";
import type { PageContext } from "./page";
import { create } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  type SummarySection,
  SummarySectionSchema,
  SummarySentenceSchema,
  type WorkSummary,
} from "@gen/unionhub/reporting/v1/summaries_pb";
import { formatFigure } from "../indicators";

// A sentence with the figures it cites marked, in the order they appear.
function marked(text: string, figures: { text: string; changed: boolean; indicatorCode: string; currentValue?: { value: bigint; denominator: bigint } }[]): (Node | string)[] {
  const out: (Node | string)[] = [];
  let rest = text;
  for (const f of figures) {
    const at = f.text ? rest.indexOf(f.text) : -1;
    if (at < 0) continue;
    out.push(rest.slice(0, at));
    const mark = h("mark", { class: f.changed ? "figure changed" : "figure", "data-code": f.indicatorCode }, f.text);
    if (f.changed) mark.title = `现为 ${formatFigure(f.indicatorCode, f.currentValue as never)}`;
    out.push(mark);
    rest = rest.slice(at + f.text.length);
  }
  out.push(rest);
  return out;
}

function readView(summary: WorkSummary): HTMLElement {
  return h(
    "article",
    { class: "summary", lang: "zh-CN" },
    h("h2", {}, `${summary.organisationName}${summary.year}年工作总结`),
    ...summary.sections.flatMap((s) => [
      s.title ? h("h3", {}, s.title) : null,
      ...s.sentences.map((p) => h("p", {}, ...marked(p.text, p.figures))),
      s.leftForOfficer && s.sentences.length === 0 ? h("p", { class: "todo" }, "（待填写）") : null,
    ]),
  );
}

// One textarea per section: its sentences a line each. A line that is still
// a drafted sentence keeps the figures it cites.
function editView(summary: WorkSummary): { el: HTMLElement; sections: () => SummarySection[] } {
  const areas = summary.sections.map((s) =>
    h("textarea", { rows: String(Math.max(3, s.sentences.length + 1)), "aria-label": s.title || "开头", "data-section": s.code }, s.sentences.map((p) => p.text).join("\n")),
  );
  const el = h(
    "div",
    { class: "summary-editor" },
    ...summary.sections.flatMap((s, i) => [h("h3", {}, s.title || "开头"), areas[i]]),
  );
  const sections = () =>
    summary.sections.map((s, i) => {
      const cited = new Map(s.sentences.map((p) => [p.text, p.figures]));
      const lines = areas[i].value.split("\n").map((l) => l.trim()).filter(Boolean);
      return create(SummarySectionSchema, {
        code: s.code,
        title: s.title,
        leftForOfficer: s.leftForOfficer,
        sentences: lines.map((text) => create(SummarySentenceSchema, { text, figures: cited.get(text) ?? [] })),
      });
    });
  return { el, sections };
}

// The last saved version, else a fresh draft (asking first, rather than
// taking a NOT_FOUND, so the page makes no failing call).
async function latest(org: string, year: number): Promise<WorkSummary> {
  const { versions } = await api.summaries.listWorkSummaryVersions({ organisationId: org, year });
  const r = versions.length > 0
    ? await api.summaries.getWorkSummary({ organisationId: org, year })
    : await api.summaries.draftWorkSummary({ organisationId: org, year });
  return r.summary!;
}

export async function renderSummary(main: HTMLElement, context: PageContext): Promise<void> {
  const { year } = context.route;
  const [orgResponse, first] = await Promise.all([
    api.organisations.getOrganisation({ id: context.org }),
    latest(context.org, year),
  ]);
  let summary = first;
  const own = context.org === context.me.organisationId && context.canWrite;
  const message = h("p", { class: "error", role: "alert" });
  const body = h("section", { class: "panel" });

  const download = async () => {
    replace(message, "正在生成 Word 文档…");
    try {
      const { summaryDocx } = await import("../docx");
      saveBlob(await summaryDocx(summary), `${summary.organisationName}${summary.year}年工作总结.docx`);
      replace(message, "");
    } catch (e) {
      replace(message, explain(e));
    }
  };

  const show = (editing: boolean) => {
    const editor = editing ? editView(summary) : null;
    const saved = summary.version > 0;
    replace(
      body,
      h(
        "header",
        {},
        h("p", { class: "version" }, saved ? `第 ${summary.version} 版，${chineseDate(timestampDate(summary.createTime!).toISOString())}保存` : "系统起草，尚未保存"),
        h(
          "div",
          { class: "buttons" },
          own && !editing ? h("button", { type: "button", "data-action": "edit", onclick: () => show(true) }, "编辑") : null,
          own && !editing
            ? h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  "data-action": "redraft",
                  onclick: async () => {
                    try {
                      const draft = (await api.summaries.draftWorkSummary({ organisationId: context.org, year })).summary!;
                      summary = { ...draft, version: summary.version };
                      show(true);
                      replace(message, "已按最新数据重新起草，保存后生效。");
                    } catch (e) {
                      replace(message, explain(e));
                    }
                  },
                },
                "按最新数据重新起草",
              )
            : null,
          editing
            ? h(
                "button",
                {
                  type: "button",
                  "data-action": "save",
                  onclick: async () => {
                    try {
                      const r = await api.summaries.saveWorkSummary({
                        organisationId: context.org,
                        year,
                        sections: editor!.sections(),
                        baseVersion: summary.version,
                      });
                      summary = r.summary!;
                      show(false);
                      replace(message, `已保存为第 ${summary.version} 版。`);
                    } catch (e) {
                      replace(message, explain(e));
                    }
                  },
                },
                "保存",
              )
            : null,
          editing ? h("button", { type: "button", class: "secondary", onclick: () => show(false) }, "取消") : null,
          !editing ? h("button", { type: "button", class: "secondary", "data-action": "docx", onclick: download }, "下载 Word") : null,
        ),
      ),
      summary.figuresChanged ? h("p", { class: "note" }, "有数据在保存后发生了变化（以波浪线标出，悬停可见现值）。") : null,
      message,
      editor ? editor.el : readView(summary),
    );
  };
  show(false);
  replace(main, await breadcrumb(orgResponse.organisation!, context.me.organisationId), body);
}

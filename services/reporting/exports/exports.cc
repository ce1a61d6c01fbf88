#include "services/reporting/exports/exports.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"

namespace unionhub::reporting {
namespace {

std::string UnitName(const Indicator& i) {
  switch (i.unit) {
    case IndicatorUnit::kPeople:
      return "人";
    case IndicatorUnit::kFen:
      return "元";
    case IndicatorUnit::kRatio:
      return "%";
    default:
      return "个/件";
  }
}

Cell ValueCell(const Indicator& i, const Value& v) {
  if (i.kind == IndicatorKind::kRate)
    return Cell::Percent(v.value, v.denominator);
  if (i.unit == IndicatorUnit::kFen) return Cell::Yuan(v.value);
  return Cell::Integer(v.value);
}

std::string YearName(const YearSpan& span) {
  return absl::StrCat(span.year,
                      span.kind == YearKind::kStatistics ? "统计年度" : "年");
}

}  // namespace

absl::StatusOr<ExportFile> WriteFile(const Table& table,
                                     const std::string& name,
                                     ExportFormat format) {
  ExportFile file;
  if (format == ExportFormat::kCsv) {
    file.file_name = name + ".csv";
    file.content_type = "text/csv; charset=utf-8";
    file.bytes = ToCsv(table);
  } else {
    file.file_name = name + ".xlsx";
    file.content_type =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    ASSIGN_OR_RETURN(file.bytes, ToXlsx(table));
  }
  return file;
}

absl::StatusOr<ExportFile> Exports::FiguresFile(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    YearKind kind, const std::vector<std::string>& codes, ExportFormat format) {
  ASSIGN_OR_RETURN(FiguresAnswer a,
                   figures_->Get(caller, organisation_id, year, kind, codes));
  const std::string& name = a.organisation_name;
  Table t;
  t.title = absl::StrCat(name, YearName(a.span), "指标（",
                         FormatDate(a.span.first_day()), "至",
                         FormatDate(a.span.last_day()), "）");
  t.headers = {"指标代码", "指标",     "单位",      "本级",
               "含下级",   "上年本级", "上年含下级"};
  for (const FigureLine& f : a.figures) {
    const Indicator& i = *FindIndicator(f.code);
    t.rows.push_back({Cell::Text(f.code), Cell::Text(i.name_zh),
                      Cell::Text(UnitName(i)), ValueCell(i, f.own),
                      ValueCell(i, f.subtree), ValueCell(i, f.previous_own),
                      ValueCell(i, f.previous_subtree)});
  }
  return WriteFile(t, absl::StrCat(name, YearName(a.span), "指标"), format);
}

absl::StatusOr<ExportFile> Exports::LeagueTableFile(
    const auth::Caller& caller, const std::string& organisation_id,
    const std::string& code, int year, YearKind kind, ExportFormat format) {
  ASSIGN_OR_RETURN(Ranking r, figures_->RankChildren(caller, organisation_id,
                                                     code, year, kind, false));
  const Indicator& i = *FindIndicator(code);
  Table t;
  t.title = absl::StrCat(YearName(r.span), i.name_zh, "排名");
  t.headers = {"排名", "单位", absl::StrCat(i.name_zh, "（", UnitName(i), "）"),
               "上年"};
  for (const RankedChild& c : r.children) {
    t.rows.push_back({Cell::Integer(c.rank), Cell::Text(c.organisation.name),
                      ValueCell(i, c.value), ValueCell(i, c.previous)});
  }
  return WriteFile(t, absl::StrCat(YearName(r.span), i.name_zh, "排名"),
                   format);
}

absl::StatusOr<ExportFile> Exports::StatisticsFormsFile(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    ExportFormat format) {
  ASSIGN_OR_RETURN(StatisticsForm own,
                   statistics_->Get(caller, organisation_id, year));
  ASSIGN_OR_RETURN(
      ChildFormList children,
      statistics_->ListChildren(caller, own.organisation_id, year));
  Table t;
  t.title = absl::StrCat(own.organisation_name, year, "统计年度工会统计年报");
  t.headers = {"单位", "状态"};
  for (const FieldDefinition& f : FormDefinition())
    t.headers.push_back(f.name_zh);
  auto row = [&](const StatisticsForm& form) {
    std::vector<Cell> cells = {Cell::Text(form.organisation_name),
                               Cell::Text(FormStatusName(form.status))};
    for (const FormField& f : form.fields) {
      cells.push_back(f.code == "aid_fen" ? Cell::Yuan(f.value)
                                          : Cell::Integer(f.value));
    }
    return cells;
  };
  for (const ChildFormStatus& c : children.children) {
    ASSIGN_OR_RETURN(StatisticsForm form,
                     statistics_->Get(caller, c.organisation.id, year));
    t.rows.push_back(row(form));
  }
  t.rows.push_back(row(own));
  return WriteFile(t, absl::StrCat(own.organisation_name, year, "统计年报"),
                   format);
}

}  // namespace unionhub::reporting

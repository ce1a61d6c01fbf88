#include "services/reporting/convert.h"

#include "libs/base/clock.h"
#include "libs/base/errors.h"
#include "libs/rpc/proto_time.h"

namespace unionhub::reporting {

absl::StatusOr<YearKind> FromProto(v1::YearKind kind) {
  switch (kind) {
    case v1::YEAR_KIND_UNSPECIFIED:
    case v1::YEAR_KIND_WORK:
      return YearKind::kWork;
    case v1::YEAR_KIND_STATISTICS:
      return YearKind::kStatistics;
    default:
      return InvalidField("year_kind", "is not one of its values");
  }
}

v1::Indicator ToProto(const Indicator& i) {
  v1::Indicator p;
  p.set_code(i.code);
  p.set_name_zh(i.name_zh);
  p.set_name_en(i.name_en);
  p.set_kind(static_cast<v1::IndicatorKind>(i.kind));
  p.set_unit(static_cast<v1::IndicatorUnit>(i.unit));
  p.set_definition(i.definition);
  p.set_area(i.area);
  p.set_numerator_code(i.numerator);
  p.set_denominator_code(i.denominator);
  return p;
}

v1::Value ToProto(const Value& v) {
  v1::Value p;
  p.set_value(v.value);
  p.set_denominator(v.denominator);
  return p;
}

v1::YearSpan ToProto(const YearSpan& span) {
  v1::YearSpan p;
  p.set_year(span.year);
  p.set_kind(span.kind == YearKind::kStatistics ? v1::YEAR_KIND_STATISTICS
                                                : v1::YEAR_KIND_WORK);
  p.set_start_date(FormatDate(span.first_day()));
  p.set_end_date(FormatDate(span.last_day()));
  return p;
}

v1::FormStatus ToProto(FormStatus status) {
  return static_cast<v1::FormStatus>(status);
}

v1::StatisticsForm ToProto(const StatisticsForm& form) {
  v1::StatisticsForm p;
  p.set_organisation_id(form.organisation_id);
  p.set_organisation_name(form.organisation_name);
  p.set_year(form.year);
  p.set_status(ToProto(form.status));
  p.set_roll_up(form.roll_up);
  for (const FormField& f : form.fields) {
    v1::FormField* out = p.add_fields();
    out->set_code(f.code);
    out->set_name_zh(f.name_zh);
    out->set_value(f.value);
    out->set_by_hand(f.by_hand);
    out->set_indicator_code(f.indicator);
    if (f.last_year_value) out->set_last_year_value(*f.last_year_value);
    out->set_explanation(f.explanation);
  }
  for (const FormProblem& problem : form.problems) {
    v1::FormProblem* out = p.add_problems();
    for (const std::string& field : problem.fields) out->add_fields(field);
    out->set_description(problem.description);
    out->set_blocking(problem.blocking);
  }
  p.set_note(form.note);
  for (const FormStep& step : form.steps) {
    v1::FormStep* out = p.add_steps();
    out->set_step(step.step);
    out->set_key_id(step.key_id);
    out->set_note(step.note);
    rpc::SetProtoTime(step.time, out->mutable_time());
  }
  p.set_etag(form.etag);
  return p;
}

Value FromProto(const v1::Value& value) {
  return {value.value(), value.denominator()};
}

v1::WorkSummary ToProto(const WorkSummary& w) {
  v1::WorkSummary p;
  p.set_organisation_id(w.organisation_id);
  p.set_organisation_name(w.organisation_name);
  p.set_year(w.year);
  p.set_version(w.version);
  for (const SummarySection& section : w.sections) {
    v1::SummarySection* ps = p.add_sections();
    ps->set_code(section.code);
    ps->set_title(section.title);
    ps->set_left_for_officer(section.left_for_officer);
    for (const SummarySentence& sentence : section.sentences) {
      v1::SummarySentence* pt = ps->add_sentences();
      pt->set_text(sentence.text);
      for (const CitedFigure& f : sentence.figures) {
        v1::CitedFigure* pf = pt->add_figures();
        pf->set_indicator_code(f.code);
        pf->set_subtree(f.subtree);
        pf->set_year(f.year);
        *pf->mutable_value() = ToProto(f.value);
        pf->set_text(f.text);
        *pf->mutable_current_value() = ToProto(f.current);
        pf->set_changed(f.changed);
      }
    }
  }
  p.set_markdown(ToMarkdown(w));
  p.set_key_id(w.key_id);
  if (w.create_time != absl::InfinitePast())
    rpc::SetProtoTime(w.create_time, p.mutable_create_time());
  p.set_figures_changed(w.figures_changed);
  return p;
}

std::vector<SummarySection> FromProto(
    const google::protobuf::RepeatedPtrField<v1::SummarySection>& sections) {
  std::vector<SummarySection> out;
  for (const v1::SummarySection& ps : sections) {
    SummarySection section{ps.code(), ps.title(), {}, ps.left_for_officer()};
    for (const v1::SummarySentence& pt : ps.sentences()) {
      SummarySentence sentence{pt.text(), {}};
      for (const v1::CitedFigure& pf : pt.figures()) {
        sentence.figures.push_back({pf.indicator_code(),
                                    pf.subtree(),
                                    pf.year(),
                                    FromProto(pf.value()),
                                    pf.text(),
                                    {},
                                    false});
      }
      section.sentences.push_back(std::move(sentence));
    }
    out.push_back(std::move(section));
  }
  return out;
}

}  // namespace unionhub::reporting

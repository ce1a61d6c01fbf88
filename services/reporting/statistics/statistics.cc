#include "services/reporting/statistics/statistics.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/reporting/convert.h"
#include "services/reporting/figures/figures.h"
#include "services/reporting/read_model/read_model.h"
#include "services/reporting/statistics/statistics_store.h"

namespace unionhub::reporting {
namespace {

constexpr int kGrassroots = 4;  // membership.v1.ORGANISATION_TYPE_GRASSROOTS
constexpr int64_t kMaxValue = 1'000'000'000'000;
constexpr size_t kMaxText = 500;

absl::Status CheckYear(Violations& v, int year) {
  v.Merge("year", CheckReportYear("year", year));
  return absl::OkStatus();
}

// The form's organisation, as the caller may see it; UNAVAILABLE while
// membership's feed has not brought it (its name and kind are needed).
absl::StatusOr<OrganisationRecord> FormOrganisation(sql::Session& s,
                                                    const auth::Caller& caller,
                                                    Violations& v,
                                                    const std::string& id,
                                                    int year) {
  RETURN_IF_ERROR(CheckYear(v, year));
  ASSIGN_OR_RETURN(OrganisationRecord o, VisibleOrganisation(s, caller, v, id));
  if (o.type == 0) {
    return absl::UnavailableError(absl::StrCat(
        "reporting has not yet followed membership's feed as far as "
        "organisation ",
        o.id, "; try again shortly"));
  }
  return o;
}

// The union's own keys file and submit its form; a union above it reviews.
absl::Status MustBeOwn(const auth::Caller& caller,
                       const OrganisationRecord& o) {
  if (caller.organisation_id == o.id) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "a union fills in and submits its own form; a union above it reviews "
      "it");
}

absl::Status MustBeAbove(const auth::Caller& caller,
                         const OrganisationRecord& o) {
  if (caller.organisation_id != o.id) return absl::OkStatus();
  return absl::PermissionDeniedError(
      "a union's form is reviewed or exempted by a union above it, not by "
      "itself");
}

// The children that are neither approved nor exempt, named with their
// state ("第二中学工会（已上报）").
absl::StatusOr<std::vector<std::string>> PendingChildren(sql::Session& s,
                                                         const std::string& id,
                                                         int year) {
  ASSIGN_OR_RETURN(std::vector<OrganisationRecord> children,
                   OpenChildren(s, id));
  ASSIGN_OR_RETURN(auto forms, ChildForms(s, id, year));
  std::vector<std::string> pending;
  for (const OrganisationRecord& c : children) {
    auto it = forms.find(c.id);
    FormStatus status =
        it == forms.end() ? FormStatus::kNotStarted : it->second.status;
    if (status == FormStatus::kApproved || status == FormStatus::kExempt)
      continue;
    pending.push_back(absl::StrCat(c.name, "（", FormStatusName(status), "）"));
  }
  return pending;
}

// What a form shows: frozen values once submitted; otherwise the figures
// (or, for a roll-up, the children's approved forms) and the hand fields.
absl::StatusOr<StatisticsForm> AssembleForm(
    sql::Session& s, const OrganisationRecord& o, int year,
    const std::optional<StoredForm>& stored, const StatisticsOptions& options) {
  StatisticsForm form;
  form.organisation_id = o.id;
  form.organisation_name = o.name;
  form.year = year;
  form.roll_up = o.type != kGrassroots;
  form.status = stored ? stored->status : FormStatus::kDraft;
  if (stored) {
    form.note = stored->note;
    form.etag = stored->etag;
  }
  std::map<std::string, int64_t> values;
  if (form.status == FormStatus::kSubmitted ||
      form.status == FormStatus::kApproved) {
    values = stored->frozen;
  } else if (form.status == FormStatus::kExempt) {
    // Nothing reported.
  } else if (form.roll_up) {
    ASSIGN_OR_RETURN(auto children, ChildForms(s, o.id, year));
    for (const auto& [id, child] : children) {
      if (child.status != FormStatus::kApproved) continue;
      for (const auto& [code, value] : child.frozen) values[code] += value;
    }
  } else {
    ASSIGN_OR_RETURN(YearSpan span, SpanOf(year, YearKind::kStatistics,
                                           options.statistics_first_month));
    std::vector<std::string> codes;
    for (const FieldDefinition& f : FormDefinition())
      for (const std::string& code : f.indicators) codes.push_back(code);
    ASSIGN_OR_RETURN(auto figures, SubtreeFigures(s, o.id, span, codes));
    for (const FieldDefinition& f : FormDefinition()) {
      for (const std::string& code : f.indicators)
        values[f.code] += figures[code];
      if (f.by_hand() && stored && stored->hand.count(f.code))
        values[f.code] = stored->hand.at(f.code);
    }
  }
  ASSIGN_OR_RETURN(std::optional<StoredForm> last, FindForm(s, o.id, year - 1));
  const bool last_approved = last && last->status == FormStatus::kApproved;
  for (const FieldDefinition& f : FormDefinition()) {
    FormField field;
    field.code = f.code;
    field.name_zh = f.name_zh;
    field.value = values[f.code];
    field.by_hand = f.by_hand() && !form.roll_up;
    if (!form.roll_up && !f.indicators.empty())
      field.indicator = f.indicators[0];
    if (last_approved && last->frozen.count(f.code))
      field.last_year_value = last->frozen.at(f.code);
    if (stored && stored->explanations.count(f.code))
      field.explanation = stored->explanations.at(f.code);
    form.fields.push_back(std::move(field));
  }
  if (form.status != FormStatus::kExempt)
    form.problems =
        CheckForm(form.fields, form.roll_up, options.variance_basis_points);
  ASSIGN_OR_RETURN(form.steps, FormSteps(s, o.id, year));
  return form;
}

// Writes `stored` with a fresh etag, its step and its audit record, and
// returns the form as it now reads.
absl::StatusOr<StatisticsForm> Commit(
    sql::Session& s, const auth::Caller& caller, const Clock& clock,
    const OrganisationRecord& o, StoredForm stored, absl::string_view step,
    const std::string& note, const StatisticsOptions& options) {
  stored.etag = NewId();
  stored.update_time = clock.Now();
  RETURN_IF_ERROR(SaveForm(s, stored));
  RETURN_IF_ERROR(AddFormStep(
      s, o.id, stored.year,
      {std::string(step), caller.key_id, note, stored.update_time}));
  ASSIGN_OR_RETURN(StatisticsForm form,
                   AssembleForm(s, o, stored.year, stored, options));
  v1::StatisticsForm payload = ToProto(form);
  RETURN_IF_ERROR(outbox::Record(
      s, caller, clock,
      {absl::StrCat("reporting.statistics_form.", step), o.id, o.path, &payload,
       absl::StrCat(stored.year, " ", FormStatusName(stored.status))}));
  return form;
}

StoredForm NewStored(const OrganisationRecord& o, int year) {
  StoredForm f;
  f.organisation_id = o.id;
  f.year = year;
  f.organisation_path = o.path;
  f.status = FormStatus::kDraft;
  return f;
}

}  // namespace

absl::StatusOr<StatisticsForm> Statistics::Get(
    const auth::Caller& caller, const std::string& organisation_id, int year) {
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<StatisticsForm> {
    Violations v;
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     FormOrganisation(s, caller, v, organisation_id, year));
    ASSIGN_OR_RETURN(std::optional<StoredForm> stored, FindForm(s, o.id, year));
    return AssembleForm(s, o, year, stored, options_);
  });
}

absl::StatusOr<StatisticsForm> Statistics::Update(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    const std::map<std::string, int64_t>& hand_values,
    const std::map<std::string, std::string>& explanations,
    const std::string& etag) {
  Violations v;
  for (const auto& [code, value] : hand_values) {
    const std::string field = absl::StrCat("hand_values[", code, "]");
    const FieldDefinition* f = FindField(code);
    if (f == nullptr || !f->by_hand()) {
      v.Add(field, "is not a line entered by hand (see the form's fields)");
    } else if (value < 0 || value > kMaxValue) {
      v.Add(field, "must be 0 or more");
    }
  }
  for (const auto& [code, text] : explanations) {
    const std::string field = absl::StrCat("explanations[", code, "]");
    if (FindField(code) == nullptr) v.Add(field, "is not a line of the form");
    v.Merge(field, CheckText(field, text, kMaxText, Required::kNo, true));
  }
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<StatisticsForm> {
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     FormOrganisation(s, caller, v, organisation_id, year));
    RETURN_IF_ERROR(MustBeOwn(caller, o));
    if (o.type != kGrassroots && !hand_values.empty()) {
      return InvalidField("hand_values",
                          "a roll-up has no lines entered by hand: they come "
                          "from the children's approved forms");
    }
    ASSIGN_OR_RETURN(std::optional<StoredForm> stored, FindForm(s, o.id, year));
    StoredForm form = stored ? *stored : NewStored(o, year);
    RETURN_IF_ERROR(CheckEtag(etag, form.etag));
    if (form.status != FormStatus::kDraft &&
        form.status != FormStatus::kReturned) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the form is ", FormStatusName(form.status),
          ": only a form being filled in or returned can be changed"));
    }
    for (const auto& [code, value] : hand_values) form.hand[code] = value;
    for (const auto& [code, text] : explanations) {
      if (text.empty()) {
        form.explanations.erase(code);
      } else {
        form.explanations[code] = text;
      }
    }
    return Commit(s, caller, *clock_, o, std::move(form), "saved", "",
                  options_);
  });
}

absl::StatusOr<StatisticsForm> Statistics::Submit(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    const std::string& etag) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<StatisticsForm> {
    Violations v;
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     FormOrganisation(s, caller, v, organisation_id, year));
    RETURN_IF_ERROR(MustBeOwn(caller, o));
    ASSIGN_OR_RETURN(std::optional<StoredForm> stored, FindForm(s, o.id, year));
    StoredForm form = stored ? *stored : NewStored(o, year);
    RETURN_IF_ERROR(CheckEtag(etag, form.etag));
    if (form.status != FormStatus::kDraft &&
        form.status != FormStatus::kReturned) {
      return absl::FailedPreconditionError(
          absl::StrCat("the form is ", FormStatusName(form.status),
                       ": only a form being filled in or returned is "
                       "submitted"));
    }
    if (o.type != kGrassroots) {
      ASSIGN_OR_RETURN(std::vector<std::string> pending,
                       PendingChildren(s, o.id, year));
      if (!pending.empty()) {
        return absl::FailedPreconditionError(absl::StrCat(
            "the roll-up waits for every child to be approved or exempt: ",
            absl::StrJoin(pending, "、")));
      }
    }
    ASSIGN_OR_RETURN(StatisticsForm now,
                     AssembleForm(s, o, year, form, options_));
    std::vector<std::string> blocking;
    for (const FormProblem& p : now.problems)
      if (p.blocking) blocking.push_back(p.description);
    if (!blocking.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the form does not pass its checks: ",
                       absl::StrJoin(blocking, "；")));
    }
    form.frozen.clear();
    for (const FormField& f : now.fields) form.frozen[f.code] = f.value;
    form.status = FormStatus::kSubmitted;
    form.note.clear();
    return Commit(s, caller, *clock_, o, std::move(form), "submitted", "",
                  options_);
  });
}

absl::StatusOr<StatisticsForm> Statistics::Review(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    bool approve, const std::string& reason, const std::string& etag) {
  Violations v;
  v.Merge("reason", CheckText("reason", reason, kMaxText,
                              approve ? Required::kNo : Required::kYes, true));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<StatisticsForm> {
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     FormOrganisation(s, caller, v, organisation_id, year));
    RETURN_IF_ERROR(MustBeAbove(caller, o));
    ASSIGN_OR_RETURN(std::optional<StoredForm> stored, FindForm(s, o.id, year));
    if (!stored || stored->status != FormStatus::kSubmitted) {
      return absl::FailedPreconditionError(absl::StrCat(
          "only a submitted form is reviewed; this one is ",
          FormStatusName(stored ? stored->status : FormStatus::kNotStarted)));
    }
    RETURN_IF_ERROR(CheckEtag(etag, stored->etag));
    if (approve && o.type != kGrassroots) {
      ASSIGN_OR_RETURN(std::vector<std::string> pending,
                       PendingChildren(s, o.id, year));
      if (!pending.empty()) {
        return absl::FailedPreconditionError(absl::StrCat(
            "a roll-up is approved once every child is approved or exempt: ",
            absl::StrJoin(pending, "、")));
      }
    }
    StoredForm form = *stored;
    form.status = approve ? FormStatus::kApproved : FormStatus::kReturned;
    form.note = approve ? "" : reason;
    return Commit(s, caller, *clock_, o, std::move(form),
                  approve ? "approved" : "returned", reason, options_);
  });
}

absl::StatusOr<StatisticsForm> Statistics::Exempt(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    const std::string& reason) {
  Violations v;
  v.Merge("reason",
          CheckText("reason", reason, kMaxText, Required::kYes, true));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<StatisticsForm> {
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     FormOrganisation(s, caller, v, organisation_id, year));
    RETURN_IF_ERROR(MustBeAbove(caller, o));
    ASSIGN_OR_RETURN(std::optional<StoredForm> stored, FindForm(s, o.id, year));
    StoredForm form = stored ? *stored : NewStored(o, year);
    if (form.status == FormStatus::kSubmitted ||
        form.status == FormStatus::kApproved) {
      return absl::FailedPreconditionError(
          absl::StrCat("the form is ", FormStatusName(form.status),
                       ": a form already submitted is reviewed, not exempted"));
    }
    form.status = FormStatus::kExempt;
    form.note = reason;
    return Commit(s, caller, *clock_, o, std::move(form), "exempted", reason,
                  options_);
  });
}

absl::StatusOr<ChildFormList> Statistics::ListChildren(
    const auth::Caller& caller, const std::string& organisation_id, int year) {
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<ChildFormList> {
    Violations v;
    RETURN_IF_ERROR(CheckYear(v, year));
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     VisibleOrganisation(s, caller, v, organisation_id));
    ASSIGN_OR_RETURN(std::vector<OrganisationRecord> children,
                     OpenChildren(s, o.id));
    ASSIGN_OR_RETURN(auto forms, ChildForms(s, o.id, year));
    ChildFormList list;
    for (OrganisationRecord& c : children) {
      ChildFormStatus child{std::move(c), FormStatus::kNotStarted, {}};
      auto it = forms.find(child.organisation.id);
      if (it != forms.end()) {
        child.status = it->second.status;
        child.update_time = it->second.update_time;
      }
      if (child.status == FormStatus::kApproved ||
          child.status == FormStatus::kExempt)
        ++list.done;
      list.children.push_back(std::move(child));
    }
    return list;
  });
}

}  // namespace unionhub::reporting

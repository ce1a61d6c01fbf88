#include "services/reporting/statistics/statistics_store.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"

namespace unionhub::reporting {
namespace {

constexpr char kFormColumns[] =
    "f.organisation_id, f.year, f.organisation_path, f.status, f.note, "
    "f.etag, f.update_time";

absl::StatusOr<StoredForm> ReadForm(sql::Statement& r) {
  StoredForm f;
  f.organisation_id = r.Text(0);
  f.year = static_cast<int>(r.Int(1));
  f.organisation_path = r.Text(2);
  f.status = static_cast<FormStatus>(r.Int(3));
  f.note = r.Text(4);
  f.etag = r.Text(5);
  ASSIGN_OR_RETURN(f.update_time, r.Timestamp(6));
  return f;
}

// Values and explanations of the forms in `forms` (all of one year).
absl::Status ReadDetails(sql::Session& s, int year,
                         std::map<std::string, StoredForm>& forms,
                         absl::string_view where, const std::string& id) {
  ASSIGN_OR_RETURN(
      sql::Statement * values,
      s.Query(absl::StrCat("SELECT v.organisation_id, v.code, v.frozen, "
                           "v.value FROM statistics_form_values v ",
                           where, " AND v.year = ?"),
              id, year));
  while (true) {
    ASSIGN_OR_RETURN(bool row, values->Step());
    if (!row) break;
    auto it = forms.find(values->Text(0));
    if (it == forms.end()) continue;
    (values->Int(2) ? it->second.frozen : it->second.hand)[values->Text(1)] =
        values->Int(3);
  }
  ASSIGN_OR_RETURN(
      sql::Statement * explained,
      s.Query(absl::StrCat("SELECT v.organisation_id, v.code, v.explanation "
                           "FROM statistics_form_explanations v ",
                           where, " AND v.year = ?"),
              id, year));
  while (true) {
    ASSIGN_OR_RETURN(bool row, explained->Step());
    if (!row) break;
    auto it = forms.find(explained->Text(0));
    if (it != forms.end())
      it->second.explanations[explained->Text(1)] = explained->Text(2);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::optional<StoredForm>> FindForm(sql::Session& s,
                                                   const std::string& id,
                                                   int year) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kFormColumns,
                           " FROM statistics_forms f WHERE f.organisation_id "
                           "= ? AND f.year = ?"),
              id, year));
  ASSIGN_OR_RETURN(std::optional<StoredForm> found,
                   sql::ReadOne(*st, ReadForm));
  if (!found) return std::nullopt;
  std::map<std::string, StoredForm> forms{{id, *std::move(found)}};
  RETURN_IF_ERROR(
      ReadDetails(s, year, forms, "WHERE v.organisation_id = ?", id));
  return std::move(forms.begin()->second);
}

absl::Status SaveForm(sql::Session& s, const StoredForm& f) {
  const std::string time = FormatTimestamp(f.update_time);
  ASSIGN_OR_RETURN(
      int64_t updated,
      s.Execute("UPDATE statistics_forms SET status = ?, note = ?, etag = ?, "
                "update_time = ? WHERE organisation_id = ? AND year = ?",
                static_cast<int>(f.status), f.note, f.etag, time,
                f.organisation_id, f.year));
  if (updated == 0) {
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO statistics_forms (organisation_id, year, "
                  "organisation_path, status, note, etag, update_time) VALUES "
                  "(?, ?, ?, ?, ?, ?, ?)",
                  f.organisation_id, f.year, f.organisation_path,
                  static_cast<int>(f.status), f.note, f.etag, time)
            .status());
  }
  for (const char* table :
       {"statistics_form_values", "statistics_form_explanations"}) {
    RETURN_IF_ERROR(s.Execute(absl::StrCat("DELETE FROM ", table,
                                           " WHERE organisation_id = ? AND "
                                           "year = ?"),
                              f.organisation_id, f.year)
                        .status());
  }
  for (int frozen : {0, 1}) {
    for (const auto& [code, value] : frozen ? f.frozen : f.hand) {
      RETURN_IF_ERROR(
          s.Execute("INSERT INTO statistics_form_values (organisation_id, "
                    "year, code, frozen, value) VALUES (?, ?, ?, ?, ?)",
                    f.organisation_id, f.year, code, frozen, value)
              .status());
    }
  }
  for (const auto& [code, text] : f.explanations) {
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO statistics_form_explanations (organisation_id, "
                  "year, code, explanation) VALUES (?, ?, ?, ?)",
                  f.organisation_id, f.year, code, text)
            .status());
  }
  return absl::OkStatus();
}

absl::Status AddFormStep(sql::Session& s, const std::string& id, int year,
                         const FormStep& step) {
  return s
      .Execute(
          "INSERT INTO statistics_form_steps (organisation_id, year, id, "
          "step, key_id, note, record_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
          id, year, NewId(), step.step, step.key_id, step.note,
          FormatTimestamp(step.time))
      .status();
}

absl::StatusOr<std::vector<FormStep>> FormSteps(sql::Session& s,
                                                const std::string& id,
                                                int year) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query("SELECT step, key_id, note, record_time FROM "
              "statistics_form_steps WHERE organisation_id = ? AND year = ? "
              "ORDER BY record_time, id",
              id, year));
  return sql::ReadRows<FormStep>(
      *st, [](sql::Statement& r) -> absl::StatusOr<FormStep> {
        FormStep step{r.Text(0), r.Text(1), r.Text(2), {}};
        ASSIGN_OR_RETURN(step.time, r.Timestamp(3));
        return step;
      });
}

absl::StatusOr<std::map<std::string, StoredForm>> ChildForms(
    sql::Session& s, const std::string& parent_id, int year) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      s.Query(absl::StrCat("SELECT ", kFormColumns,
                           " FROM statistics_forms f JOIN organisations o ON "
                           "o.id = f.organisation_id WHERE o.parent_id = ? "
                           "AND f.year = ?"),
              parent_id, year));
  ASSIGN_OR_RETURN(std::vector<StoredForm> rows,
                   sql::ReadRows<StoredForm>(*st, ReadForm));
  std::map<std::string, StoredForm> forms;
  for (StoredForm& f : rows) forms[f.organisation_id] = std::move(f);
  RETURN_IF_ERROR(ReadDetails(
      s, year, forms,
      "JOIN organisations o ON o.id = v.organisation_id WHERE o.parent_id = ?",
      parent_id));
  return forms;
}

}  // namespace unionhub::reporting

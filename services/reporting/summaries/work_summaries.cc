#include "services/reporting/summaries/work_summaries.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/errors.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "libs/rpc/proto_time.h"
#include "services/reporting/convert.h"

namespace unionhub::reporting {
namespace {

constexpr size_t kMaxSections = 20;
constexpr size_t kMaxSentences = 100;
constexpr size_t kMaxSentenceChars = 2000;
constexpr size_t kMaxFigures = 20;

absl::StatusOr<OrganisationRecord> SummaryOrganisation(
    sql::Session& s, const auth::Caller& caller, Violations& v,
    const std::string& id, int year) {
  v.Merge("year", CheckReportYear("year", year));
  return VisibleOrganisation(s, caller, v, id);
}

// Values of the union's subtree figures for work years, read once.
class Lookup {
 public:
  static absl::StatusOr<Lookup> Read(sql::Session& s, const std::string& id,
                                     int since_year) {
    Lookup l;
    ASSIGN_OR_RETURN(l.rows_, ReadFigureRows(s, id, since_year));
    return l;
  }
  Value At(const std::string& code, int year) const {
    const Indicator* i = FindIndicator(code);
    if (i == nullptr) return {};
    return ValueOf(rows_, *i, Scope::kSubtree, absl::CivilMonth(year, 1),
                   absl::CivilMonth(year, 12));
  }

 private:
  FigureRows rows_;
};

absl::Status CheckSections(Violations& v,
                           const std::vector<SummarySection>& sections) {
  if (sections.empty()) v.Add("sections", "a summary has sections");
  if (sections.size() > kMaxSections)
    v.Add("sections", absl::StrCat("at most ", kMaxSections));
  for (size_t i = 0; i < sections.size() && i < kMaxSections; ++i) {
    const SummarySection& section = sections[i];
    const std::string at = absl::StrCat("sections[", i, "]");
    v.Merge(at + ".code",
            CheckText(at + ".code", section.code, 40, Required::kYes));
    v.Merge(at + ".title",
            CheckText(at + ".title", section.title, 100, Required::kNo));
    if (section.sentences.size() > kMaxSentences)
      v.Add(at + ".sentences", absl::StrCat("at most ", kMaxSentences));
    for (size_t j = 0; j < section.sentences.size() && j < kMaxSentences; ++j) {
      const SummarySentence& sentence = section.sentences[j];
      const std::string st = absl::StrCat(at, ".sentences[", j, "]");
      v.Merge(st + ".text", CheckText(st + ".text", sentence.text,
                                      kMaxSentenceChars, Required::kNo, true));
      if (sentence.figures.size() > kMaxFigures)
        v.Add(st + ".figures", absl::StrCat("at most ", kMaxFigures));
      for (size_t k = 0; k < sentence.figures.size() && k < kMaxFigures; ++k) {
        const CitedFigure& f = sentence.figures[k];
        const std::string ft = absl::StrCat(st, ".figures[", k, "]");
        if (FindIndicator(f.code) == nullptr)
          v.Add(ft + ".indicator_code", "is not an indicator");
        v.Merge(ft + ".year", CheckReportYear(ft + ".year", f.year));
        v.Merge(ft + ".text",
                CheckText(ft + ".text", f.text, 100, Required::kNo));
      }
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<WorkSummary>> FindVersion(sql::Session& s,
                                                       const std::string& id,
                                                       int year, int version) {
  ASSIGN_OR_RETURN(
      sql::Statement * st,
      version == 0
          ? s.Query("SELECT version, content, key_id, create_time FROM "
                    "work_summaries WHERE organisation_id = ? AND year = ? "
                    "ORDER BY version DESC LIMIT 1",
                    id, year)
          : s.Query("SELECT version, content, key_id, create_time FROM "
                    "work_summaries WHERE organisation_id = ? AND year = ? "
                    "AND version = ?",
                    id, year, version));
  ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::nullopt;
  v1::WorkSummary stored;
  if (!stored.ParseFromString(st->Text(1)))
    return absl::DataLossError("a saved work summary cannot be read");
  WorkSummary w;
  w.organisation_id = id;
  w.year = year;
  w.version = static_cast<int>(st->Int(0));
  w.sections = FromProto(stored.sections());
  w.key_id = st->Text(2);
  ASSIGN_OR_RETURN(w.create_time, st->Timestamp(3));
  return w;
}

}  // namespace

absl::StatusOr<WorkSummary> WorkSummaries::Draft(
    const auth::Caller& caller, const std::string& organisation_id, int year) {
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<WorkSummary> {
    Violations v;
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     SummaryOrganisation(s, caller, v, organisation_id, year));
    ASSIGN_OR_RETURN(Lookup figures, Lookup::Read(s, o.id, year - 1));
    WorkSummary w =
        DraftSummary(o.name, year, [&](const std::string& code, bool previous) {
          return figures.At(code, previous ? year - 1 : year);
        });
    w.organisation_id = o.id;
    return w;
  });
}

absl::StatusOr<WorkSummary> WorkSummaries::Save(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    std::vector<SummarySection> sections, int base_version) {
  Violations v;
  RETURN_IF_ERROR(CheckSections(v, sections));
  if (base_version < 0) v.Add("base_version", "must be 0 or more");
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<WorkSummary> {
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     SummaryOrganisation(s, caller, v, organisation_id, year));
    if (caller.organisation_id != o.id) {
      return absl::PermissionDeniedError(
          "a union's officers write its own work summary");
    }
    ASSIGN_OR_RETURN(std::optional<WorkSummary> latest,
                     FindVersion(s, o.id, year, 0));
    const int current = latest ? latest->version : 0;
    if (base_version != current) {
      return absl::AbortedError(
          absl::StrCat("version ", current, " was saved since version ",
                       base_version, " was read; read it and edit that"));
    }
    WorkSummary w;
    w.organisation_id = o.id;
    w.organisation_name = o.name;
    w.year = year;
    w.version = current + 1;
    w.sections = sections;
    w.key_id = caller.key_id;
    w.create_time = clock_->Now();
    v1::WorkSummary content = ToProto(w);
    content.clear_markdown();
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO work_summaries (organisation_id, year, "
                  "version, organisation_path, content, key_id, create_time) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  o.id, year, w.version, o.path,
                  sql::Blob{content.SerializeAsString()}, caller.key_id,
                  FormatTimestamp(w.create_time))
            .status());
    v1::WorkSummaryVersion payload;
    payload.set_version(w.version);
    payload.set_key_id(caller.key_id);
    rpc::SetProtoTime(w.create_time, payload.mutable_create_time());
    RETURN_IF_ERROR(
        outbox::Record(s, caller, *clock_,
                       {"reporting.work_summary.saved", o.id, o.path, &payload,
                        absl::StrCat(year, " version ", w.version)}));
    return w;
  });
}

absl::StatusOr<WorkSummary> WorkSummaries::Get(
    const auth::Caller& caller, const std::string& organisation_id, int year,
    int version) {
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<WorkSummary> {
    Violations v;
    if (version < 0) v.Add("version", "must be 0 (the latest) or more");
    ASSIGN_OR_RETURN(OrganisationRecord o,
                     SummaryOrganisation(s, caller, v, organisation_id, year));
    ASSIGN_OR_RETURN(std::optional<WorkSummary> found,
                     FindVersion(s, o.id, year, version));
    if (!found) {
      return absl::NotFoundError(
          version == 0
              ? absl::StrCat("no work summary of ", year, " was saved yet")
              : absl::StrCat("work summary version ", version, " not found"));
    }
    WorkSummary w = *std::move(found);
    w.organisation_name = o.name;
    int since = year - 1;
    for (const SummarySection& section : w.sections)
      for (const SummarySentence& sentence : section.sentences)
        for (const CitedFigure& f : sentence.figures)
          since = std::min(since, f.year);
    ASSIGN_OR_RETURN(Lookup figures, Lookup::Read(s, o.id, since));
    for (SummarySection& section : w.sections) {
      for (SummarySentence& sentence : section.sentences) {
        for (CitedFigure& f : sentence.figures) {
          f.current = figures.At(f.code, f.year);
          f.changed = !(f.current == f.value);
          w.figures_changed = w.figures_changed || f.changed;
        }
      }
    }
    return w;
  });
}

absl::StatusOr<std::vector<WorkSummary>> WorkSummaries::ListVersions(
    const auth::Caller& caller, const std::string& organisation_id, int year) {
  return db_->Read(
      [&](sql::Session& s) -> absl::StatusOr<std::vector<WorkSummary>> {
        Violations v;
        ASSIGN_OR_RETURN(
            OrganisationRecord o,
            SummaryOrganisation(s, caller, v, organisation_id, year));
        ASSIGN_OR_RETURN(
            sql::Statement * st,
            s.Query("SELECT version, key_id, create_time FROM work_summaries "
                    "WHERE organisation_id = ? AND year = ? ORDER BY version "
                    "DESC",
                    o.id, year));
        return sql::ReadRows<WorkSummary>(
            *st, [&](sql::Statement& r) -> absl::StatusOr<WorkSummary> {
              WorkSummary w;
              w.organisation_id = o.id;
              w.organisation_name = o.name;
              w.year = year;
              w.version = static_cast<int>(r.Int(0));
              w.key_id = r.Text(1);
              ASSIGN_OR_RETURN(w.create_time, r.Timestamp(2));
              return w;
            });
      });
}

}  // namespace unionhub::reporting

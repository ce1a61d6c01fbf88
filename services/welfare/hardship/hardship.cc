#include "services/welfare/hardship/hardship.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

constexpr int kMaxHouseholdSize = 20;
// 1,000,000 yuan a month per head: anything above is a typing error.
constexpr int64_t kMaxMonthlyIncomeFen = 100'000'000;
constexpr size_t kMaxSituation = 500;
constexpr size_t kMaxObjection = 500;
constexpr size_t kMaxExitReason = 200;
constexpr int kMaxPublicityDays = 30;
// A household that exited within this many years and comes back is 返困.
constexpr int kRelapseYears = 2;

void CheckHouseholdSize(Violations& v, const char* field, int size) {
  if (size < 1 || size > kMaxHouseholdSize) {
    v.Add(field, absl::StrCat("must be 1 to ", kMaxHouseholdSize, " people"));
  }
}

void CheckIncome(Violations& v, const char* field, int64_t fen) {
  if (fen < 0) v.Add(field, "must not be negative");
  if (fen > kMaxMonthlyIncomeFen) {
    v.Add(field, "is more than 1,000,000 yuan a month: check the amount");
  }
}

void CheckLevel(Violations& v, const char* field, HardshipLevel level) {
  if (level == HardshipLevel::kUnspecified) v.Add(field, "is required");
}

// Sorted, each once.
void CheckCauses(Violations& v, const char* field,
                 std::vector<HardshipCause>& causes) {
  if (causes.empty()) v.Add(field, "name at least one cause");
  std::sort(causes.begin(), causes.end());
  if (std::adjacent_find(causes.begin(), causes.end()) != causes.end())
    v.Add(field, "names a cause twice");
  if (!causes.empty() && causes.front() == HardshipCause::kUnspecified)
    v.Add(field, "holds an unspecified cause");
}

absl::Status WrongStatus(const HardshipFile& f, absl::string_view needed) {
  return absl::FailedPreconditionError(
      absl::StrCat("hardship file ", f.id, " is ",
                   v1::HardshipFileStatus_Name(
                       static_cast<v1::HardshipFileStatus>(f.status)),
                   "; this needs it ", needed));
}

// The unique index on open files caught a concurrent opening.
absl::Status HouseholdTaken(const absl::Status& s) {
  if (s.code() == absl::StatusCode::kAlreadyExists) {
    return absl::FailedPreconditionError(
        "the household already has an open hardship file");
  }
  return s;
}

}  // namespace

absl::StatusOr<HardshipFile> Hardship::Visible(sql::Session& s,
                                               const auth::Caller& caller,
                                               absl::string_view field,
                                               absl::string_view id) {
  return auth::FindVisible(
      caller, "hardship file", field, id, &HardshipFile::organisation_path,
      [&](absl::string_view id) { return files_.Find(s, id); });
}

absl::Status Hardship::Save(sql::Session& s, const auth::Caller& caller,
                            HardshipFile& f, absl::string_view step,
                            const StepNote& note) {
  f.update_time = clock_->Now();
  f.etag = NewId();
  RETURN_IF_ERROR(HouseholdTaken(files_.Update(s, f)));
  RETURN_IF_ERROR(
      files_.AppendStep(s, {f.id, "", std::string(step), note.date, note.note,
                            caller.key_id, f.update_time}));
  v1::HardshipFile payload = ToProto(f);
  return outbox::Record(s, caller, *clock_,
                        {absl::StrCat("welfare.hardship_file.", step), f.id,
                         f.organisation_path, &payload, ""});
}

absl::StatusOr<HardshipFile> Hardship::Create(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewHardshipFile& request) {
  NewHardshipFile n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("file.person_id", CheckId("file.person_id", n.person_id));
  CheckHouseholdSize(v, "file.household_size", n.household_size);
  CheckIncome(v, "file.monthly_income_per_capita_fen",
              n.monthly_income_per_capita_fen);
  CheckLevel(v, "file.level", n.level);
  CheckCauses(v, "file.causes", n.causes);
  v.Merge("file.situation", CheckText("file.situation", n.situation,
                                      kMaxSituation, Required::kNo));
  absl::CivilDay opened = clock_->Today();
  if (!n.opened_date.empty()) {
    auto parsed = ParsePastDate("file.opened_date", n.opened_date, opened);
    v.Merge("file.opened_date", parsed.status());
    if (parsed.ok()) opened = *parsed;
  }
  RETURN_IF_ERROR(v.Status());

  // Asked before the transaction: membership down writes nothing.
  ASSIGN_OR_RETURN(
      clients::MemberRef head,
      membership_->CurrentMembership(caller, "file.person_id", n.person_id));
  ASSIGN_OR_RETURN(clients::OrganisationRef keeper,
                   membership_->GetOrganisation(caller, "file.person_id",
                                                head.organisation_id));
  if (!keeper.open) {
    return absl::FailedPreconditionError(
        "the head of household's union is closed");
  }

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<HardshipFile> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<HardshipFile> {
          ASSIGN_OR_RETURN(std::optional<HardshipFile> open,
                           files_.FindOpen(s, n.person_id));
          if (open) {
            return absl::FailedPreconditionError(absl::StrCat(
                "the household already has an open hardship file: ",
                caller.Covers(open->organisation_path) ? open->id
                                                       : "kept elsewhere"));
          }
          ASSIGN_OR_RETURN(
              std::optional<HardshipFile> exited,
              files_.FindExitSince(s, n.person_id,
                                   YearsAfter(opened, -kRelapseYears)));
          HardshipFile f;
          f.id = NewId();
          f.organisation_id = keeper.id;
          f.organisation_path = keeper.path;
          f.person_id = n.person_id;
          f.member_id = head.id;
          f.household_size = n.household_size;
          f.monthly_income_per_capita_fen = n.monthly_income_per_capita_fen;
          f.level = n.level;
          f.causes = n.causes;
          f.situation = n.situation;
          f.status = HardshipFileStatus::kDraft;
          f.exit_reason = "";
          f.relapse = exited.has_value();
          if (exited) f.previous_file_id = exited->id;
          f.opened_date = opened;
          f.create_time = f.update_time = clock_->Now();
          f.etag = NewId();
          RETURN_IF_ERROR(HouseholdTaken(files_.Insert(s, f)));
          RETURN_IF_ERROR(files_.AppendStep(
              s, {f.id, "", "opened", opened,
                  f.relapse ? "返困: exited within two years" : "",
                  caller.key_id, f.create_time}));
          v1::HardshipFile payload = ToProto(f);
          RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                         {"welfare.hardship_file.opened", f.id,
                                          f.organisation_path, &payload, ""}));
          return f;
        },
        [](const HardshipFile& made) { return made.id; },
        [&](const std::string& id) { return Visible(s, caller, "id", id); });
  });
}

absl::StatusOr<HardshipFile> Hardship::Get(const auth::Caller& caller,
                                           absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return Visible(s, caller, "id", id); });
}

absl::StatusOr<Page<HardshipFile>> Hardship::List(
    const auth::Caller& caller, const HardshipFileQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'h', 1);
  std::string root_id =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  if (!query.person_id.empty())
    v.Merge("person_id", CheckId("person_id", query.person_id));
  if (query.not_helped_in_year != 0) {
    v.Merge("not_helped_in_year",
            CheckYear("not_helped_in_year", query.not_helped_in_year));
  }
  RETURN_IF_ERROR(v.Status());
  HardshipFileFilter f;
  ASSIGN_OR_RETURN(
      f.under_path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root_id));
  f.status = query.status;
  f.level = query.level;
  f.cause = query.cause;
  if (query.only_recheck_overdue) f.recheck_due_before = clock_->Today();
  f.person_id = query.person_id;
  f.not_helped_in_year = query.not_helped_in_year;
  f.before_id = page.after_id();
  f.limit = page.limit();
  ASSIGN_OR_RETURN(
      std::vector<HardshipFile> rows,
      db_->Read([&](sql::Session& s) { return files_.List(s, f); }));
  return MakePageById(std::move(rows), page.size, 'h');
}

absl::StatusOr<HardshipFile> Hardship::Change(const auth::Caller& caller,
                                              absl::string_view id,
                                              absl::string_view etag,
                                              absl::string_view step,
                                              ChangeFn change) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<HardshipFile> {
    ASSIGN_OR_RETURN(HardshipFile f, Visible(s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, f.etag));
    ASSIGN_OR_RETURN(StepNote note, change(s, f));
    RETURN_IF_ERROR(Save(s, caller, f, step, note));
    return f;
  });
}

absl::StatusOr<HardshipFile> Hardship::Update(const auth::Caller& caller,
                                              absl::string_view id,
                                              const HardshipFilePatch& patch,
                                              absl::string_view etag) {
  HardshipFilePatch p = patch;
  Violations v;
  if (p.household_size)
    CheckHouseholdSize(v, "file.household_size", *p.household_size);
  if (p.monthly_income_per_capita_fen) {
    CheckIncome(v, "file.monthly_income_per_capita_fen",
                *p.monthly_income_per_capita_fen);
  }
  if (p.level) CheckLevel(v, "file.level", *p.level);
  if (p.causes) CheckCauses(v, "file.causes", *p.causes);
  if (p.situation) {
    v.Merge("file.situation", CheckText("file.situation", *p.situation,
                                        kMaxSituation, Required::kNo));
  }
  if (!p.household_size && !p.monthly_income_per_capita_fen && !p.level &&
      !p.causes && !p.situation) {
    v.Add("update_mask", "names no field to change");
  }
  RETURN_IF_ERROR(v.Status());
  const absl::CivilDay today = clock_->Today();
  return Change(
      caller, id, etag, "corrected",
      [&](sql::Session&, HardshipFile& f) -> absl::StatusOr<StepNote> {
        if (f.status != HardshipFileStatus::kDraft &&
            f.status != HardshipFileStatus::kActive) {
          return WrongStatus(f, "DRAFT or ACTIVE (not while on publicity)");
        }
        if (p.household_size) f.household_size = *p.household_size;
        if (p.monthly_income_per_capita_fen)
          f.monthly_income_per_capita_fen = *p.monthly_income_per_capita_fen;
        if (p.level) f.level = *p.level;
        if (p.causes) f.causes = *p.causes;
        if (p.situation) f.situation = *p.situation;
        return StepNote{today, ""};
      });
}

absl::StatusOr<HardshipFile> Hardship::StartPublicity(
    const auth::Caller& caller, absl::string_view id,
    absl::string_view start_date, absl::string_view end_date,
    absl::string_view etag) {
  Violations v;
  auto start = ParseDate("start_date", start_date);
  auto end = ParseDate("end_date", end_date);
  v.Merge("start_date", start.status());
  v.Merge("end_date", end.status());
  if (start.ok() && end.ok()) {
    if (*end <= *start) {
      v.Add("end_date", "must be after start_date");
    } else if (*end - *start > kMaxPublicityDays) {
      v.Add("end_date", absl::StrCat("is more than ", kMaxPublicityDays,
                                     " days after start_date"));
    }
  }
  RETURN_IF_ERROR(v.Status());
  return Change(
      caller, id, etag, "publicity_started",
      [&](sql::Session&, HardshipFile& f) -> absl::StatusOr<StepNote> {
        if (f.status != HardshipFileStatus::kDraft)
          return WrongStatus(f, "DRAFT");
        if (*start < f.opened_date) {
          return InvalidField("start_date", "is before the file was opened");
        }
        f.status = HardshipFileStatus::kPublicity;
        f.publicity_start_date = *start;
        f.publicity_end_date = *end;
        return StepNote{*start, absl::StrCat("公示 until ", FormatDate(*end))};
      });
}

absl::StatusOr<HardshipObjection> Hardship::FileObjection(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    absl::string_view file_id, absl::string_view filed_date,
    absl::string_view content) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("file_id", CheckId("file_id", file_id));
  auto filed = ParsePastDate("filed_date", filed_date, clock_->Today());
  v.Merge("filed_date", filed.status());
  v.Merge("content",
          CheckText("content", content, kMaxObjection, Required::kYes));
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<HardshipObjection> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<HardshipObjection> {
          ASSIGN_OR_RETURN(HardshipFile f,
                           Visible(s, caller, "file_id", file_id));
          if (f.status != HardshipFileStatus::kPublicity)
            return WrongStatus(f, "on publicity");
          if (*filed < *f.publicity_start_date ||
              *filed > *f.publicity_end_date) {
            return InvalidField("filed_date",
                                "is outside the file's publicity window");
          }
          HardshipObjection o;
          o.id = NewId();
          o.file_id = f.id;
          o.organisation_path = f.organisation_path;
          o.filed_date = *filed;
          o.content = std::string(content);
          o.create_time = clock_->Now();
          RETURN_IF_ERROR(files_.InsertObjection(s, o));
          ++f.open_objections;
          RETURN_IF_ERROR(Save(s, caller, f, "objection_filed", {*filed, ""}));
          return o;
        },
        [](const HardshipObjection& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(files_.FindObjection(s, id));
        });
  });
}

absl::StatusOr<std::pair<HardshipObjection, HardshipFile>>
Hardship::AnswerObjection(const auth::Caller& caller, absl::string_view id,
                          absl::string_view answer,
                          absl::string_view answered_date, bool upheld) {
  Violations v;
  v.Merge("id", CheckId("id", id));
  auto answered =
      ParsePastDate("answered_date", answered_date, clock_->Today());
  v.Merge("answered_date", answered.status());
  v.Merge("answer", CheckText("answer", answer, kMaxObjection, Required::kYes));
  RETURN_IF_ERROR(v.Status());
  using Answered = std::pair<HardshipObjection, HardshipFile>;
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Answered> {
    ASSIGN_OR_RETURN(HardshipObjection o,
                     auth::FindVisible(caller, "objection", "id", id,
                                       &HardshipObjection::organisation_path,
                                       [&](absl::string_view id) {
                                         return files_.FindObjection(s, id);
                                       }));
    if (o.answered()) {
      return absl::FailedPreconditionError("the objection is answered already");
    }
    if (*answered < o.filed_date) {
      return InvalidField("answered_date", "is before the objection was filed");
    }
    ASSIGN_OR_RETURN(HardshipFile f, Visible(s, caller, "id", o.file_id));
    o.answer = std::string(answer);
    o.answered_date = *answered;
    o.upheld = upheld;
    RETURN_IF_ERROR(files_.UpdateObjection(s, o));
    f.open_objections = std::max(0, f.open_objections - 1);
    if (upheld && f.status == HardshipFileStatus::kPublicity) {
      // Found right: corrected and put up again before any approval.
      f.status = HardshipFileStatus::kDraft;
      f.publicity_start_date.reset();
      f.publicity_end_date.reset();
    }
    RETURN_IF_ERROR(Save(s, caller, f,
                         upheld ? "objection_upheld" : "objection_answered",
                         {*answered, ""}));
    return Answered{o, f};
  });
}

absl::StatusOr<Page<HardshipObjection>> Hardship::ListObjections(
    const auth::Caller& caller, absl::string_view file_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'o', 1);
  v.Merge("file_id", CheckId("file_id", file_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<HardshipObjection> rows,
      db_->Read([&](sql::Session& s)
                    -> absl::StatusOr<std::vector<HardshipObjection>> {
        ASSIGN_OR_RETURN(HardshipFile f,
                         Visible(s, caller, "file_id", file_id));
        return files_.ListObjections(s, f.id, page.after_id(), page.limit());
      }));
  return MakePageById(std::move(rows), page.size, 'o');
}

absl::StatusOr<HardshipFile> Hardship::Approve(const auth::Caller& caller,
                                               absl::string_view id,
                                               absl::string_view approved_date,
                                               absl::string_view etag) {
  ASSIGN_OR_RETURN(
      absl::CivilDay date,
      ParsePastDate("approved_date", approved_date, clock_->Today()));
  return Change(
      caller, id, etag, "approved",
      [&](sql::Session&, HardshipFile& f) -> absl::StatusOr<StepNote> {
        if (f.status != HardshipFileStatus::kPublicity)
          return WrongStatus(f, "on publicity");
        if (date <= *f.publicity_end_date) {
          return InvalidField(
              "approved_date",
              absl::StrCat("must be after the publicity window, which ends ",
                           FormatDate(*f.publicity_end_date)));
        }
        if (f.open_objections > 0) {
          return absl::FailedPreconditionError(absl::StrCat(
              f.open_objections,
              " objection(s) raised during publicity are not answered"));
        }
        f.status = HardshipFileStatus::kActive;
        f.approved_date = date;
        f.last_check_date = date;
        f.next_check_due_date = YearsAfter(date, 1);
        return StepNote{date, ""};
      });
}

absl::StatusOr<HardshipFile> Hardship::Recheck(const auth::Caller& caller,
                                               absl::string_view id,
                                               const HardshipRecheck& finding,
                                               absl::string_view etag) {
  Violations v;
  auto date = ParsePastDate("check_date", finding.check_date, clock_->Today());
  v.Merge("check_date", date.status());
  CheckLevel(v, "level", finding.level);
  CheckIncome(v, "monthly_income_per_capita_fen",
              finding.monthly_income_per_capita_fen);
  v.Merge("note",
          CheckText("note", finding.note, kMaxSituation, Required::kNo));
  RETURN_IF_ERROR(v.Status());
  return Change(
      caller, id, etag, "rechecked",
      [&](sql::Session&, HardshipFile& f) -> absl::StatusOr<StepNote> {
        if (f.status != HardshipFileStatus::kActive)
          return WrongStatus(f, "ACTIVE");
        if (*date < *f.last_check_date) {
          return InvalidField("check_date", "is before the last check");
        }
        f.level = finding.level;
        f.monthly_income_per_capita_fen = finding.monthly_income_per_capita_fen;
        f.last_check_date = *date;
        f.next_check_due_date = YearsAfter(*date, 1);
        return StepNote{*date, finding.note};
      });
}

absl::StatusOr<HardshipFile> Hardship::Exit(const auth::Caller& caller,
                                            absl::string_view id,
                                            absl::string_view exit_date,
                                            absl::string_view exit_reason,
                                            absl::string_view etag) {
  Violations v;
  auto date = ParsePastDate("exit_date", exit_date, clock_->Today());
  v.Merge("exit_date", date.status());
  v.Merge("exit_reason", CheckText("exit_reason", exit_reason, kMaxExitReason,
                                   Required::kYes));
  RETURN_IF_ERROR(v.Status());
  return Change(
      caller, id, etag, "exited",
      [&](sql::Session&, HardshipFile& f) -> absl::StatusOr<StepNote> {
        if (f.status != HardshipFileStatus::kActive)
          return WrongStatus(f, "ACTIVE");
        if (*date < *f.approved_date)
          return InvalidField("exit_date", "is before the approval");
        f.status = HardshipFileStatus::kExited;
        f.exit_date = *date;
        f.exit_reason = std::string(exit_reason);
        f.next_check_due_date.reset();
        return StepNote{*date, f.exit_reason};
      });
}

absl::StatusOr<Page<HardshipFileStep>> Hardship::ListSteps(
    const auth::Caller& caller, absl::string_view file_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 's', 1);
  v.Merge("file_id", CheckId("file_id", file_id));
  const std::string after = page.after_id();
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<HardshipFileStep> rows,
      db_->Read([&](sql::Session& s)
                    -> absl::StatusOr<std::vector<HardshipFileStep>> {
        ASSIGN_OR_RETURN(HardshipFile f,
                         Visible(s, caller, "file_id", file_id));
        return files_.ListSteps(s, f.id, after, page.limit());
      }));
  return MakePageById(std::move(rows), page.size, 's');
}

}  // namespace unionhub::welfare

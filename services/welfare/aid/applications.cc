#include "services/welfare/aid/applications.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/money.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "libs/sql/pool.h"
#include "services/welfare/aid/campaigns.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

constexpr size_t kMaxText = 500;

void CheckAmountIn(Violations& v, const char* field, int64_t fen,
                   const Campaign& c) {
  if (fen < c.min_amount_fen || fen > c.max_amount_fen) {
    v.Add(field,
          absl::StrCat("must be from ", FormatYuan(c.min_amount_fen), " to ",
                       FormatYuan(c.max_amount_fen), " in this campaign"));
  }
}

// The cap of `c` for one person, with what they already have.
absl::Status CheckCap(const Campaign& c, int64_t already, int64_t more,
                      const char* field) {
  if (already + more > c.cap_per_person_fen) {
    return InvalidField(
        field, absl::StrCat("would bring this person's aid in the campaign to ",
                            FormatYuan(already + more), ", above its cap of ",
                            FormatYuan(c.cap_per_person_fen), " (",
                            FormatYuan(std::max<int64_t>(
                                0, c.cap_per_person_fen - already)),
                            " left)"));
  }
  return absl::OkStatus();
}

absl::Status WrongStatus(const AidApplication& a, absl::string_view needed) {
  return absl::FailedPreconditionError(
      absl::StrCat("the application is ",
                   v1::AidApplicationStatus_Name(
                       static_cast<v1::AidApplicationStatus>(a.status)),
                   "; this needs it ", needed));
}

std::string KindName(CampaignKind kind) {
  return v1::CampaignKind_Name(static_cast<v1::CampaignKind>(kind));
}

}  // namespace

absl::StatusOr<AidApplication> AidApplications::Visible(
    sql::Session& s, const auth::Caller& caller, absl::string_view field,
    absl::string_view id) {
  RETURN_IF_ERROR(CheckId(field, id));
  ASSIGN_OR_RETURN(std::optional<AidApplication> a,
                   aid_.FindApplication(s, id));
  // The union it was made in, and the campaign's union, see it.
  if (!a || !(caller.Covers(a->organisation_path) ||
              caller.Covers(a->campaign_path))) {
    return absl::NotFoundError(absl::StrCat("application ", id, " not found"));
  }
  return *std::move(a);
}

absl::Status AidApplications::Save(sql::Session& s, const auth::Caller& caller,
                                   AidApplication& a, absl::string_view step,
                                   absl::string_view note) {
  a.update_time = clock_->Now();
  a.etag = NewId();
  RETURN_IF_ERROR(aid_.UpdateApplication(s, a));
  RETURN_IF_ERROR(
      aid_.AppendStep(s, {a.id, "", std::string(step), std::string(note),
                          caller.key_id, a.update_time}));
  v1::AidApplication payload = ToProto(a);
  return outbox::Record(s, caller, *clock_,
                        {absl::StrCat("welfare.aid_application.", step), a.id,
                         a.organisation_path, &payload, ""});
}

absl::StatusOr<AidApplications::Standing> AidApplications::StandingOf(
    const auth::Caller& caller, absl::string_view field,
    absl::string_view person_id, const Campaign& c) {
  Standing standing;
  ASSIGN_OR_RETURN(standing.member,
                   membership_->CurrentMembership(caller, field, person_id));
  if (c.eligibility == Eligibility::kModelWorkers) {
    ASSIGN_OR_RETURN(standing.model_worker,
                     membership_->IsModelWorker(caller, field, person_id));
  }
  return standing;
}

absl::StatusOr<std::string> AidApplications::EligibleHousehold(
    sql::Session& s, const Campaign& c, absl::string_view person_id,
    const Standing& standing) {
  switch (c.eligibility) {
    case Eligibility::kHardshipFile: {
      ASSIGN_OR_RETURN(std::optional<HardshipFile> file,
                       hardship_.FindOpen(s, person_id));
      if (!file || file->status != HardshipFileStatus::kActive ||
          std::find(c.eligible_levels.begin(), c.eligible_levels.end(),
                    file->level) == c.eligible_levels.end()) {
        return absl::FailedPreconditionError(
            "the campaign helps households with an active hardship file of "
            "its levels; this person's household has none");
      }
      return file->id;
    }
    case Eligibility::kModelWorkers:
      if (!standing.model_worker) {
        return absl::FailedPreconditionError(
            "the campaign helps model workers; this person is not in the "
            "model-worker archive");
      }
      return "";
    default:
      if (!standing.member.active()) {
        return absl::FailedPreconditionError(
            "the campaign helps active members; this membership is not "
            "active");
      }
      return "";
  }
}

absl::Status AidApplications::CheckStudentAward(
    sql::Session& s, const auth::Caller& caller, const Campaign& c,
    const NewAidApplication& request, AidApplication& a) {
  if (c.kind != CampaignKind::kStudentAid) {
    if (!request.student_id.empty()) {
      return InvalidField("application.student_id",
                          "is only for 金秋助学 campaigns");
    }
    return absl::OkStatus();
  }
  if (request.student_id.empty()) {
    return InvalidField("application.student_id",
                        "is required in a 金秋助学 campaign: the student this "
                        "school year's award is for");
  }
  ASSIGN_OR_RETURN(std::optional<StudentParent> student,
                   aid_.FindStudentParent(s, request.student_id));
  if (!student || student->person_id != request.person_id ||
      !caller.Covers(student->organisation_path)) {
    return InvalidField("application.student_id",
                        "is not a student recorded for this person");
  }
  a.student_id = request.student_id;
  a.school_year = c.start_date.year();
  if (a.school_year < student->admission_year) {
    return absl::FailedPreconditionError(
        absl::StrCat("the student enters school in ", student->admission_year,
                     ", after this campaign's school year ", a.school_year));
  }
  ASSIGN_OR_RETURN(std::vector<int> years, aid_.AwardYears(s, a.student_id));
  if (std::find(years.begin(), years.end(), a.school_year) != years.end()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the student has an award for the school year ",
                     a.school_year, " already"));
  }
  if (years.size() >= kMaxStudentAwardYears) {
    return absl::FailedPreconditionError(
        absl::StrCat("the student has awards in ", kMaxStudentAwardYears,
                     " school years already, the most 金秋助学 gives"));
  }
  return absl::OkStatus();
}

absl::StatusOr<AidApplication> AidApplications::Create(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewAidApplication& request) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("application.campaign_id",
          CheckId("application.campaign_id", request.campaign_id));
  v.Merge("application.person_id",
          CheckId("application.person_id", request.person_id));
  if (request.requested_fen <= 0 || request.requested_fen > kMaxAmountFen)
    v.Add("application.requested_fen", "must be more than 0");
  v.Merge("application.reason", CheckText("application.reason", request.reason,
                                          kMaxText, Required::kYes));
  v.Merge("application.student_id",
          request.student_id.empty()
              ? absl::OkStatus()
              : CheckId("application.student_id", request.student_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(Campaign campaign, db_->Read([&](sql::Session& s) {
    return VisibleCampaign(aid_, s, caller, "application.campaign_id",
                           request.campaign_id);
  }));
  ASSIGN_OR_RETURN(
      Standing standing,
      StandingOf(caller, "application.person_id", request.person_id, campaign));
  const clients::MemberRef& member = standing.member;
  ASSIGN_OR_RETURN(clients::OrganisationRef union_of_member,
                   membership_->GetOrganisation(caller, "application.person_id",
                                                member.organisation_id));
  const absl::CivilDay today = clock_->Today();
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<AidApplication> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<AidApplication> {
          ASSIGN_OR_RETURN(
              Campaign c,
              VisibleCampaign(aid_, s, caller, "application.campaign_id",
                              request.campaign_id));
          if (!absl::StartsWith(union_of_member.path, c.organisation_path)) {
            return absl::FailedPreconditionError(
                "the person's union is not under the union running the "
                "campaign");
          }
          if (c.status != CampaignStatus::kOpen)
            return absl::FailedPreconditionError("the campaign is closed");
          if (today < c.start_date || today > c.end_date) {
            return absl::FailedPreconditionError(absl::StrCat(
                "the campaign takes applications from ",
                FormatDate(c.start_date), " to ", FormatDate(c.end_date)));
          }
          Violations amount;
          CheckAmountIn(amount, "application.requested_fen",
                        request.requested_fen, c);
          RETURN_IF_ERROR(amount.Status());
          AidApplication a;
          ASSIGN_OR_RETURN(
              a.hardship_file_id,
              EligibleHousehold(s, c, request.person_id, standing));
          RETURN_IF_ERROR(CheckStudentAward(s, caller, c, request, a));
          ASSIGN_OR_RETURN(
              std::optional<AidApplication> pending,
              aid_.FindPending(s, c.id, request.person_id, a.student_id));
          if (pending) {
            return absl::FailedPreconditionError(absl::StrCat(
                "the person has an application under way in this campaign: ",
                caller.Covers(pending->organisation_path) ? pending->id
                                                          : "made elsewhere"));
          }
          ASSIGN_OR_RETURN(int64_t already,
                           aid_.ApprovedForPerson(s, c.id, request.person_id));
          RETURN_IF_ERROR(CheckCap(c, already, request.requested_fen,
                                   "application.requested_fen"));
          a.id = NewId();
          a.campaign_id = c.id;
          a.campaign_path = c.organisation_path;
          a.person_id = request.person_id;
          a.member_id = member.id;
          a.organisation_id = union_of_member.id;
          a.organisation_path = union_of_member.path;
          a.requested_fen = request.requested_fen;
          a.reason = request.reason;
          a.status = AidApplicationStatus::kSubmitted;
          a.applied_by_key_id = caller.key_id;
          a.create_time = a.update_time = clock_->Now();
          a.etag = NewId();
          RETURN_IF_ERROR(aid_.InsertApplication(s, a));
          RETURN_IF_ERROR(aid_.AppendStep(s, {a.id, "", "submitted", a.reason,
                                              caller.key_id, a.create_time}));
          v1::AidApplication payload = ToProto(a);
          RETURN_IF_ERROR(
              outbox::Record(s, caller, *clock_,
                             {"welfare.aid_application.submitted", a.id,
                              a.organisation_path, &payload, ""}));
          return a;
        },
        [](const AidApplication& made) { return made.id; },
        [&](const std::string& id) { return Visible(s, caller, "id", id); });
  });
}

absl::StatusOr<AidApplication> AidApplications::Get(const auth::Caller& caller,
                                                    absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return Visible(s, caller, "id", id); });
}

absl::StatusOr<Page<AidApplication>> AidApplications::List(
    const auth::Caller& caller, const AidApplicationQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'a', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  if (!query.campaign_id.empty())
    v.Merge("campaign_id", CheckId("campaign_id", query.campaign_id));
  if (!query.person_id.empty())
    v.Merge("person_id", CheckId("person_id", query.person_id));
  RETURN_IF_ERROR(v.Status());
  ApplicationFilter f;
  ASSIGN_OR_RETURN(f.under_path, clients::SubtreePath(*membership_, caller,
                                                      "organisation_id", root));
  f.campaign_id = query.campaign_id;
  f.status = query.status;
  f.person_id = query.person_id;
  f.before_id = page.after_id();
  f.limit = page.limit();
  ASSIGN_OR_RETURN(
      std::vector<AidApplication> rows,
      db_->Read([&](sql::Session& s) { return aid_.ListApplications(s, f); }));
  return MakePageById(std::move(rows), page.size, 'a');
}

absl::StatusOr<AidApplication> AidApplications::Decide(
    const auth::Caller& caller, absl::string_view id, absl::string_view etag,
    absl::string_view step, ChangeFn change) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<AidApplication> {
    ASSIGN_OR_RETURN(AidApplication a, Visible(s, caller, "id", id));
    if (!caller.Covers(a.campaign_path)) {
      return absl::PermissionDeniedError(
          "only the union running the campaign reviews, approves, rejects "
          "and pays its applications");
    }
    RETURN_IF_ERROR(CheckEtag(etag, a.etag));
    ASSIGN_OR_RETURN(Campaign c,
                     VisibleCampaign(aid_, s, caller, "id", a.campaign_id));
    ASSIGN_OR_RETURN(std::string note, change(s, c, a));
    RETURN_IF_ERROR(Save(s, caller, a, step, note));
    return a;
  });
}

absl::StatusOr<AidApplication> AidApplications::Review(
    const auth::Caller& caller, absl::string_view id, absl::string_view note,
    absl::string_view etag) {
  RETURN_IF_ERROR(CheckText("note", note, kMaxText, Required::kNo));
  return Decide(caller, id, etag, "reviewed",
                [&](sql::Session&, const Campaign&,
                    AidApplication& a) -> absl::StatusOr<std::string> {
                  if (a.status != AidApplicationStatus::kSubmitted)
                    return WrongStatus(a, "SUBMITTED");
                  a.status = AidApplicationStatus::kReviewed;
                  return std::string(note);
                });
}

absl::StatusOr<AidApplication> AidApplications::Approve(
    const auth::Caller& caller, absl::string_view id, int64_t approved_fen,
    absl::string_view note, absl::string_view etag) {
  Violations v;
  if (approved_fen < 0) v.Add("approved_fen", "must not be negative");
  v.Merge("note", CheckText("note", note, kMaxText, Required::kNo));
  RETURN_IF_ERROR(v.Status());
  return Decide(
      caller, id, etag, "approved",
      [&](sql::Session& s, const Campaign& c,
          AidApplication& a) -> absl::StatusOr<std::string> {
        if (a.status != AidApplicationStatus::kReviewed)
          return WrongStatus(a, "REVIEWED");
        if (a.applied_by_key_id == caller.key_id) {
          return absl::PermissionDeniedError(
              "the key that made an application may not approve it");
        }
        if (c.status != CampaignStatus::kOpen)
          return absl::FailedPreconditionError("the campaign is closed");
        const int64_t amount =
            approved_fen == 0 ? a.requested_fen : approved_fen;
        Violations amount_ok;
        CheckAmountIn(amount_ok, "approved_fen", amount, c);
        RETURN_IF_ERROR(amount_ok.Status());
        ASSIGN_OR_RETURN(int64_t already,
                         aid_.ApprovedForPerson(s, c.id, a.person_id));
        RETURN_IF_ERROR(CheckCap(c, already, amount, "approved_fen"));
        ASSIGN_OR_RETURN(bool committed,
                         aid_.Commit(s, c.fund_id, amount, clock_->Now()));
        if (!committed) {
          ASSIGN_OR_RETURN(std::optional<Fund> fund,
                           aid_.FindFund(s, c.fund_id));
          return absl::FailedPreconditionError(
              absl::StrCat("the fund cannot cover ", FormatYuan(amount), ": ",
                           FormatYuan(fund ? fund->available_fen() : 0),
                           " of its budget is left"));
        }
        a.approved_fen = amount;
        a.status = AidApplicationStatus::kApproved;
        return std::string(note);
      });
}

absl::StatusOr<AidApplication> AidApplications::Reject(
    const auth::Caller& caller, absl::string_view id, absl::string_view reason,
    absl::string_view etag) {
  RETURN_IF_ERROR(CheckText("reason", reason, kMaxText, Required::kYes));
  return Decide(caller, id, etag, "rejected",
                [&](sql::Session&, const Campaign&,
                    AidApplication& a) -> absl::StatusOr<std::string> {
                  if (a.status != AidApplicationStatus::kSubmitted &&
                      a.status != AidApplicationStatus::kReviewed) {
                    return WrongStatus(a, "SUBMITTED or REVIEWED");
                  }
                  a.status = AidApplicationStatus::kRejected;
                  a.rejection_reason = std::string(reason);
                  return std::string(reason);
                });
}

absl::StatusOr<AidApplication> AidApplications::VerifyStudent(
    const auth::Caller& caller, absl::string_view id,
    absl::string_view verified_date, absl::string_view note) {
  Violations v;
  v.Merge("application_id", CheckId("application_id", id));
  const absl::CivilDay today = clock_->Today();
  absl::StatusOr<absl::CivilDay> date =
      verified_date.empty()
          ? absl::StatusOr<absl::CivilDay>(today)
          : ParsePastDate("verified_date", verified_date, today);
  v.Merge("verified_date", date.status());
  v.Merge("note", CheckText("note", note, kMaxText, Required::kYes));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      auto found,
      db_->Read([&](sql::Session& s)
                    -> absl::StatusOr<std::pair<AidApplication, Campaign>> {
        ASSIGN_OR_RETURN(AidApplication a,
                         Visible(s, caller, "application_id", id));
        ASSIGN_OR_RETURN(Campaign c,
                         sql::MustExist(aid_.FindCampaign(s, a.campaign_id),
                                        "an application's campaign is gone"));
        return std::make_pair(std::move(a), std::move(c));
      }));
  ASSIGN_OR_RETURN(Standing standing,
                   StandingOf(caller, "application_id", found.first.person_id,
                              found.second));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<AidApplication> {
    ASSIGN_OR_RETURN(AidApplication a,
                     Visible(s, caller, "application_id", id));
    if (a.student_id.empty()) {
      return absl::FailedPreconditionError(
          "the application is not a 金秋助学 student award");
    }
    if (a.student_verified) return a;  // A retry: verified once is enough.
    if (a.status == AidApplicationStatus::kPaid ||
        a.status == AidApplicationStatus::kRejected) {
      return WrongStatus(a, "under way (SUBMITTED, REVIEWED or APPROVED)");
    }
    if (*date < absl::ToCivilDay(a.create_time, BeijingTime())) {
      return InvalidField("verified_date",
                          "is before the application was made");
    }
    RETURN_IF_ERROR(
        EligibleHousehold(s, found.second, a.person_id, standing).status());
    a.student_verified = *date;
    RETURN_IF_ERROR(Save(s, caller, a, "student_verified", note));
    return a;
  });
}

absl::StatusOr<AidPayment> AidApplications::Pay(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    absl::string_view application_id, absl::string_view paid_date) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("application_id", CheckId("application_id", application_id));
  auto date = ParsePastDate("paid_date", paid_date, clock_->Today());
  v.Merge("paid_date", date.status());
  RETURN_IF_ERROR(v.Status());
  // The household's payments this year, read before the payment's own
  // transaction: the alert only reads them, and a locking read of that range
  // inside it would make concurrent payments deadlock on MySQL. (Two payments
  // to one household in the same instant may miss each other's alert.) The
  // transaction checks the application is the caller's to pay.
  ASSIGN_OR_RETURN(PaymentsOfYear year, db_->Read([&](sql::Session& s) {
    return aid_.PaymentsOf(s, application_id, date->year());
  }));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<AidPayment> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<AidPayment> {
          ASSIGN_OR_RETURN(
              AidApplication a,
              Visible(s, caller, "application_id", application_id));
          if (!caller.Covers(a.campaign_path)) {
            return absl::PermissionDeniedError(
                "only the union running the campaign pays its applications");
          }
          if (a.status == AidApplicationStatus::kPaid) {
            return absl::FailedPreconditionError(
                "the application is paid already");
          }
          if (a.status != AidApplicationStatus::kApproved)
            return WrongStatus(a, "APPROVED");
          if (!a.student_id.empty() && !a.student_verified) {
            return absl::FailedPreconditionError(
                "a 金秋助学 award is paid only after this school year's "
                "re-verification of the student (VerifyStudentAward)");
          }
          ASSIGN_OR_RETURN(Campaign c, VisibleCampaign(aid_, s, caller, "id",
                                                       a.campaign_id));
          if (*date < c.start_date) {
            return InvalidField("paid_date", "is before the campaign started");
          }
          AidPayment p;
          p.id = NewId();
          p.application_id = a.id;
          p.campaign_id = c.id;
          p.campaign_kind = c.kind;
          p.fund_id = c.fund_id;
          p.organisation_id = c.organisation_id;
          p.organisation_path = c.organisation_path;
          p.recipient_path = a.organisation_path;
          p.person_id = a.person_id;
          p.amount_fen = a.approved_fen;
          p.paid_date = *date;
          p.paid_by_key_id = caller.key_id;
          p.create_time = clock_->Now();
          // Stacking: flagged for review, never refused.
          if (year.total_fen + p.amount_fen >
              options_.stacking_alert_total_fen) {
            p.flag_reasons.push_back(absl::StrCat(
                "the household's aid in ", date->year(), " reaches ",
                FormatYuan(year.total_fen + p.amount_fen),
                ", above the alert total of ",
                FormatYuan(options_.stacking_alert_total_fen)));
          }
          for (const auto& [kind, payer] : year.payers) {
            if (kind == c.kind && payer != c.organisation_path) {
              p.flag_reasons.push_back(absl::StrCat(
                  "another level of the tree paid the household for ",
                  KindName(kind), " in ", date->year()));
              break;
            }
          }
          p.flagged = !p.flag_reasons.empty();
          absl::Status inserted = aid_.InsertPayment(s, p);
          if (inserted.code() == absl::StatusCode::kAlreadyExists) {
            // A concurrent payment of this application committed first: run
            // again, and see it (or replay it, for the same request_id).
            return sql::LockConflict("the application was just paid");
          }
          RETURN_IF_ERROR(inserted);
          a.status = AidApplicationStatus::kPaid;
          a.update_time = p.create_time;
          a.etag = NewId();
          RETURN_IF_ERROR(aid_.UpdateApplication(s, a));
          RETURN_IF_ERROR(
              aid_.AppendStep(s, {a.id, "", "paid", FormatDate(p.paid_date),
                                  caller.key_id, a.update_time}));
          // The rows every payment shares (the fund's, the outbox's) are
          // taken last, so concurrent payments wait on them for the least
          // time; one event (the payment, naming its application) says it.
          RETURN_IF_ERROR(
              aid_.MarkPaid(s, c.fund_id, p.amount_fen, p.create_time));
          v1::AidPayment payload = ToProto(p);
          RETURN_IF_ERROR(outbox::Record(
              s, caller, *clock_,
              {"welfare.aid_payment.made", p.id, p.organisation_path, &payload,
               p.flagged ? "flagged" : ""}));
          return p;
        },
        [](const AidPayment& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(aid_.FindPayment(s, id));
        });
  });
}

absl::StatusOr<AidPayment> AidApplications::ReversePayment(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    absl::string_view payment_id, absl::string_view reversed_date,
    absl::string_view reason) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("payment_id", CheckId("payment_id", payment_id));
  auto date = ParsePastDate("reversed_date", reversed_date, clock_->Today());
  v.Merge("reversed_date", date.status());
  v.Merge("reason", CheckText("reason", reason, 500, Required::kYes, true));
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<AidPayment> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<AidPayment> {
          // The paying union's to reverse: elsewhere it does not exist.
          ASSIGN_OR_RETURN(
              AidPayment p,
              auth::FindVisible(caller, "payment", "payment_id", payment_id,
                                &AidPayment::organisation_path,
                                [&](absl::string_view id) {
                                  return aid_.FindPayment(s, id);
                                }));
          if (p.reversed_date) {
            return absl::FailedPreconditionError(absl::StrCat(
                "the payment was reversed on ", FormatDate(*p.reversed_date)));
          }
          if (*date < p.paid_date) {
            return InvalidField("reversed_date", "is before the payment");
          }
          const absl::Time now = clock_->Now();
          p.reversed_date = *date;
          p.reversal_reason = std::string(reason);
          p.reversed_by_key_id = caller.key_id;
          ASSIGN_OR_RETURN(bool reversed, aid_.ReversePayment(s, p, now));
          if (!reversed)
            return sql::LockConflict("the payment was just reversed");
          RETURN_IF_ERROR(
              aid_.AppendStep(s, {p.application_id, "", "payment reversed",
                                  absl::StrCat(FormatDate(*date), " ", reason),
                                  caller.key_id, now}));
          v1::AidPayment payload = ToProto(p);
          RETURN_IF_ERROR(outbox::Record(
              s, caller, *clock_,
              {"welfare.aid_payment.reversed", p.id, p.organisation_path,
               &payload, std::string(reason)}));
          return p;
        },
        [](const AidPayment& reversed) { return reversed.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(aid_.FindPayment(s, id));
        });
  });
}

absl::StatusOr<Page<AidApplicationStep>> AidApplications::ListSteps(
    const auth::Caller& caller, absl::string_view application_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 's', 1);
  v.Merge("application_id", CheckId("application_id", application_id));
  const std::string after = page.after_id();
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<AidApplicationStep> rows,
      db_->Read([&](sql::Session& s)
                    -> absl::StatusOr<std::vector<AidApplicationStep>> {
        ASSIGN_OR_RETURN(AidApplication a,
                         Visible(s, caller, "application_id", application_id));
        return aid_.ListSteps(s, a.id, after, page.limit());
      }));
  return MakePageById(std::move(rows), page.size, 's');
}

absl::StatusOr<Page<AidPayment>> AidApplications::ListPayments(
    const auth::Caller& caller, const AidPaymentQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'p', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  if (query.year != 0) v.Merge("year", CheckYear("year", query.year));
  if (!query.person_id.empty())
    v.Merge("person_id", CheckId("person_id", query.person_id));
  RETURN_IF_ERROR(v.Status());
  PaymentFilter f;
  ASSIGN_OR_RETURN(f.under_path, clients::SubtreePath(*membership_, caller,
                                                      "organisation_id", root));
  f.year = query.year;
  f.only_flagged = query.only_flagged;
  f.person_id = query.person_id;
  f.before_id = page.after_id();
  f.limit = page.limit();
  ASSIGN_OR_RETURN(
      std::vector<AidPayment> rows,
      db_->Read([&](sql::Session& s) { return aid_.ListPayments(s, f); }));
  return MakePageById(std::move(rows), page.size, 'p');
}

}  // namespace unionhub::welfare

#include "services/welfare/insurance/insurance.h"

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

constexpr size_t kMaxText = 200;

}  // namespace

absl::StatusOr<InsuranceEnrolment> Insurance::VisibleEnrolment(
    sql::Session& s, const auth::Caller& caller, absl::string_view field,
    absl::string_view id) {
  return auth::FindVisible(
      caller, "enrolment", field, id, &InsuranceEnrolment::organisation_path,
      [&](absl::string_view id) { return store_.FindEnrolment(s, id); });
}

absl::StatusOr<InsuranceEnrolment> Insurance::Enrol(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewInsuranceEnrolment& request) {
  const NewInsuranceEnrolment& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("enrolment.person_id", CheckId("enrolment.person_id", n.person_id));
  if (n.plan == InsurancePlan::kUnspecified)
    v.Add("enrolment.plan", "is required");
  v.Merge("enrolment.year", CheckYear("enrolment.year", n.year));
  if (n.premium_fen < 0 || n.premium_fen > kMaxAmountFen)
    v.Add("enrolment.premium_fen", "must be 0 or more");
  if (n.coverage_fen <= 0 || n.coverage_fen > kMaxAmountFen)
    v.Add("enrolment.coverage_fen", "must be more than 0");
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(clients::MemberRef member,
                   membership_->CurrentMembership(caller, "enrolment.person_id",
                                                  n.person_id));
  if (n.plan == InsurancePlan::kWomenDisease &&
      member.sex != membership::v1::SEX_FEMALE) {
    return absl::FailedPreconditionError(
        "the women's specific diseases plan is for women members");
  }
  ASSIGN_OR_RETURN(clients::OrganisationRef union_of_member,
                   membership_->GetOrganisation(caller, "enrolment.person_id",
                                                member.organisation_id));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<InsuranceEnrolment> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<InsuranceEnrolment> {
          InsuranceEnrolment e;
          e.id = NewId();
          e.person_id = n.person_id;
          e.organisation_id = union_of_member.id;
          e.organisation_path = union_of_member.path;
          e.plan = n.plan;
          e.year = n.year;
          e.premium_fen = n.premium_fen;
          e.coverage_fen = n.coverage_fen;
          e.create_time = clock_->Now();
          absl::Status inserted = store_.InsertEnrolment(s, e);
          if (inserted.code() == absl::StatusCode::kAlreadyExists) {
            return absl::AlreadyExistsError(
                "the person is enrolled in this plan for that year already");
          }
          RETURN_IF_ERROR(inserted);
          v1::InsuranceEnrolment payload = ToProto(e);
          RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                         {"welfare.insurance.enrolled", e.id,
                                          e.organisation_path, &payload, ""}));
          return e;
        },
        [](const InsuranceEnrolment& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleEnrolment(s, caller, "id", id);
        });
  });
}

absl::StatusOr<Page<InsuranceEnrolment>> Insurance::ListEnrolments(
    const auth::Caller& caller, absl::string_view organisation_id, int year,
    InsurancePlan plan, int page_size, absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'i', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  if (year != 0) v.Merge("year", CheckYear("year", year));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  ASSIGN_OR_RETURN(std::vector<InsuranceEnrolment> rows,
                   db_->Read([&](sql::Session& s) {
                     return store_.ListEnrolments(
                         s, path, year, plan, page.after_id(), page.limit());
                   }));
  return MakePageById(std::move(rows), page.size, 'i');
}

absl::StatusOr<InsuranceClaim> Insurance::FileClaim(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewInsuranceClaim& request) {
  const NewInsuranceClaim& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("claim.enrolment_id", CheckId("claim.enrolment_id", n.enrolment_id));
  auto date = ParsePastDate("claim.event_date", n.event_date, clock_->Today());
  v.Merge("claim.event_date", date.status());
  v.Merge("claim.description", CheckText("claim.description", n.description,
                                         kMaxText, Required::kYes));
  if (n.claimed_fen <= 0 || n.claimed_fen > kMaxAmountFen)
    v.Add("claim.claimed_fen", "must be more than 0");
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<InsuranceClaim> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<InsuranceClaim> {
          ASSIGN_OR_RETURN(InsuranceEnrolment e,
                           VisibleEnrolment(s, caller, "claim.enrolment_id",
                                            n.enrolment_id));
          if (date->year() != e.year) {
            return InvalidField(
                "claim.event_date",
                absl::StrCat("is not in the enrolment's year, ", e.year));
          }
          InsuranceClaim c;
          c.id = NewId();
          c.enrolment_id = e.id;
          c.organisation_path = e.organisation_path;
          c.event_date = *date;
          c.description = n.description;
          c.claimed_fen = n.claimed_fen;
          c.status = ClaimStatus::kSubmitted;
          c.create_time = clock_->Now();
          RETURN_IF_ERROR(store_.InsertClaim(s, c));
          v1::InsuranceClaim payload = ToProto(c);
          RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                         {"welfare.insurance_claim.filed", c.id,
                                          c.organisation_path, &payload, ""}));
          return c;
        },
        [](const InsuranceClaim& made) { return made.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(store_.FindClaim(s, id));
        });
  });
}

absl::StatusOr<std::pair<InsuranceClaim, InsuranceEnrolment>> Insurance::Decide(
    const auth::Caller& caller, absl::string_view id, int64_t payout_fen,
    absl::string_view rejection_reason, absl::string_view decision_date) {
  Violations v;
  if (payout_fen < 0 || payout_fen > kMaxAmountFen)
    v.Add("payout_fen", "must be 0 (refuse) or more");
  if (payout_fen == 0) {
    v.Merge("rejection_reason", CheckText("rejection_reason", rejection_reason,
                                          kMaxText, Required::kYes));
  }
  auto date = ParsePastDate("decision_date", decision_date, clock_->Today());
  v.Merge("decision_date", date.status());
  RETURN_IF_ERROR(v.Status());
  using Decided = std::pair<InsuranceClaim, InsuranceEnrolment>;
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Decided> {
    ASSIGN_OR_RETURN(
        InsuranceClaim c,
        auth::FindVisible(
            caller, "claim", "id", id, &InsuranceClaim::organisation_path,
            [&](absl::string_view id) { return store_.FindClaim(s, id); }));
    if (c.status != ClaimStatus::kSubmitted)
      return absl::FailedPreconditionError("the claim is decided already");
    if (*date < c.event_date) {
      return InvalidField("decision_date", "is before the event claimed for");
    }
    ASSIGN_OR_RETURN(InsuranceEnrolment e,
                     VisibleEnrolment(s, caller, "id", c.enrolment_id));
    if (payout_fen > c.claimed_fen) {
      return InvalidField("payout_fen", "is more than was claimed");
    }
    if (payout_fen > 0) {
      ASSIGN_OR_RETURN(bool within, store_.PayOut(s, e.id, payout_fen));
      if (!within) {
        return InvalidField(
            "payout_fen",
            absl::StrCat("is more than is left of the coverage: ",
                         e.coverage_fen - e.paid_out_fen, " fen"));
      }
      e.paid_out_fen += payout_fen;
      c.status = ClaimStatus::kPaid;
      c.payout_fen = payout_fen;
    } else {
      c.status = ClaimStatus::kRejected;
      c.rejection_reason = std::string(rejection_reason);
    }
    c.decision_date = *date;
    RETURN_IF_ERROR(store_.UpdateClaim(s, c));
    v1::InsuranceClaim payload = ToProto(c);
    RETURN_IF_ERROR(
        outbox::Record(s, caller, *clock_,
                       {payout_fen > 0 ? "welfare.insurance_claim.paid"
                                       : "welfare.insurance_claim.rejected",
                        c.id, c.organisation_path, &payload, ""}));
    return Decided{c, e};
  });
}

absl::StatusOr<Page<InsuranceClaim>> Insurance::ListClaims(
    const auth::Caller& caller, absl::string_view organisation_id,
    ClaimStatus status, int page_size, absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'm', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  ASSIGN_OR_RETURN(std::vector<InsuranceClaim> rows,
                   db_->Read([&](sql::Session& s) {
                     return store_.ListClaims(s, path, status, page.after_id(),
                                              page.limit());
                   }));
  return MakePageById(std::move(rows), page.size, 'm');
}

}  // namespace unionhub::welfare

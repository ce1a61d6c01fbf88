#include "services/democracy/representatives/representatives.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/democracy/congress/congress.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

constexpr size_t kMaxDelegation = 50;
constexpr size_t kMaxNote = 200;
constexpr size_t kMaxReport = 2000;

absl::Status RecordRepresentative(sql::Session& s, const auth::Caller& caller,
                                  const Clock& clock, const char* type,
                                  const Representative& r) {
  v1::Representative payload = ToProto(r);
  return outbox::Record(s, caller, clock,
                        {type, r.id, r.organisation_path, &payload, ""});
}

void CheckSuccessor(Violations& v, const Successor& n) {
  v.Merge("successor.person_id", CheckId("successor.person_id", n.person_id));
  if (n.group == RepresentativeGroup::kUnspecified)
    v.Add("successor.group", "is required");
  v.Merge("successor.delegation",
          CheckText("successor.delegation", n.delegation, kMaxDelegation,
                    Required::kYes));
}

}  // namespace

absl::StatusOr<Representatives::Candidate> Representatives::CheckCandidate(
    const auth::Caller& caller, absl::string_view field,
    absl::string_view person_id, const CongressTerm& term) {
  ASSIGN_OR_RETURN(clients::MemberRef member,
                   membership_->CurrentMembership(caller, field, person_id));
  if (!member.active()) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": the person is not an active member"));
  }
  ASSIGN_OR_RETURN(
      clients::OrganisationRef org,
      membership_->GetOrganisation(caller, field, member.organisation_id));
  if (!absl::StartsWith(org.path, term.organisation_path)) {
    return absl::FailedPreconditionError(
        absl::StrCat(field,
                     ": the person is not a member of the union holding the "
                     "congress"));
  }
  Candidate c;
  c.woman = member.sex == membership::v1::SEX_FEMALE;
  absl::StatusOr<absl::CivilDay> born = ParseDate(field, member.birth_date);
  if (born.ok()) c.age_band = AgeBandOn(*born, term.start_date);
  return c;
}

absl::StatusOr<Representative> Representatives::VisibleRepresentative(
    sql::Session& s, const auth::Caller& caller, absl::string_view field,
    absl::string_view id) {
  return auth::FindVisible(
      caller, "representative", field, id, &Representative::organisation_path,
      [&](absl::string_view id) { return store_.Find(s, id); });
}

absl::StatusOr<Representative> Representatives::Elect(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewRepresentative& request) {
  const NewRepresentative& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("representative.term_id",
          CheckId("representative.term_id", n.term_id));
  v.Merge("representative.person_id",
          CheckId("representative.person_id", n.person_id));
  if (n.group == RepresentativeGroup::kUnspecified)
    v.Add("representative.group", "is required");
  v.Merge("representative.delegation",
          CheckText("representative.delegation", n.delegation, kMaxDelegation,
                    Required::kYes));
  auto elected = ParsePastDate("representative.elected_date", n.elected_date,
                               clock_->Today());
  v.Merge("representative.elected_date", elected.status());
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(CongressTerm term, db_->Read([&](sql::Session& s) {
    return VisibleTerm(congress_, s, caller, "representative.term_id",
                       n.term_id);
  }));
  if (*elected > term.end_date) {
    return InvalidField("representative.elected_date",
                        "is after the term's last day");
  }
  ASSIGN_OR_RETURN(
      Candidate candidate,
      CheckCandidate(caller, "representative.person_id", n.person_id, term));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Representative> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Representative> {
          Representative r;
          r.id = NewId();
          r.term_id = term.id;
          r.organisation_id = term.organisation_id;
          r.organisation_path = term.organisation_path;
          r.person_id = n.person_id;
          r.group = n.group;
          r.woman = candidate.woman;
          r.age_band = candidate.age_band;
          r.delegation = n.delegation;
          r.elected_date = *elected;
          r.status = RepresentativeStatus::kElected;
          r.create_time = clock_->Now();
          r.etag = NewId();
          absl::Status inserted = store_.Insert(s, r);
          if (inserted.code() == absl::StatusCode::kAlreadyExists) {
            return absl::AlreadyExistsError(
                "the person holds a seat of this term already");
          }
          RETURN_IF_ERROR(inserted);
          RETURN_IF_ERROR(RecordRepresentative(
              s, caller, *clock_, "democracy.representative.elected", r));
          return r;
        },
        [](const Representative& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleRepresentative(s, caller, "id", id);
        });
  });
}

absl::StatusOr<Representative> Representatives::Get(const auth::Caller& caller,
                                                    absl::string_view id) {
  return db_->Read([&](sql::Session& s) {
    return VisibleRepresentative(s, caller, "id", id);
  });
}

absl::StatusOr<Page<Representative>> Representatives::List(
    const auth::Caller& caller, absl::string_view term_id,
    RepresentativeStatus status, absl::string_view delegation, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'r', 1);
  v.Merge("term_id", CheckId("term_id", term_id));
  v.Merge("delegation",
          CheckText("delegation", delegation, kMaxDelegation, Required::kNo));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::vector<Representative> rows,
      db_->Read(
          [&](sql::Session& s) -> absl::StatusOr<std::vector<Representative>> {
            RETURN_IF_ERROR(
                VisibleTerm(congress_, s, caller, "term_id", term_id).status());
            return store_.List(s, term_id, status, delegation, page.after_id(),
                               page.limit());
          }));
  return MakePageById(std::move(rows), page.size, 'r');
}

absl::StatusOr<Representative> Representatives::Review(
    const auth::Caller& caller, absl::string_view id, bool qualified,
    absl::string_view note, absl::string_view etag) {
  RETURN_IF_ERROR(CheckText("note", note, kMaxNote,
                            qualified ? Required::kNo : Required::kYes));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Representative> {
    ASSIGN_OR_RETURN(Representative r,
                     VisibleRepresentative(s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, r.etag));
    if (r.status != RepresentativeStatus::kElected) {
      return absl::FailedPreconditionError(
          "the representative does not await review");
    }
    r.status = qualified ? RepresentativeStatus::kQualified
                         : RepresentativeStatus::kDisqualified;
    r.review_note = std::string(note);
    r.etag = NewId();
    RETURN_IF_ERROR(store_.Update(s, r));
    RETURN_IF_ERROR(RecordRepresentative(
        s, caller, *clock_,
        qualified ? "democracy.representative.qualified"
                  : "democracy.representative.disqualified",
        r));
    return r;
  });
}

absl::StatusOr<CongressTerm> Representatives::CompleteReview(
    const auth::Caller& caller, absl::string_view term_id,
    absl::string_view review_date, absl::string_view report,
    absl::string_view etag) {
  Violations v;
  v.Merge("term_id", CheckId("term_id", term_id));
  auto date = ParsePastDate("review_date", review_date, clock_->Today());
  v.Merge("review_date", date.status());
  v.Merge("report", CheckText("report", report, kMaxReport, Required::kYes));
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CongressTerm> {
    ASSIGN_OR_RETURN(CongressTerm t,
                     VisibleTerm(congress_, s, caller, "term_id", term_id));
    RETURN_IF_ERROR(CheckEtag(etag, t.etag));
    if (t.reviewed()) {
      return absl::FailedPreconditionError(
          "the term's qualification review is complete already");
    }
    ASSIGN_OR_RETURN(int64_t awaiting,
                     store_.Count(s, t.id, RepresentativeStatus::kElected));
    if (awaiting > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat(awaiting, " representative(s) still await review"));
    }
    ASSIGN_OR_RETURN(int64_t seated,
                     store_.Count(s, t.id, RepresentativeStatus::kQualified));
    if (seated == 0) {
      return absl::FailedPreconditionError("no representative is qualified");
    }
    t.qualification_review_date = *date;
    t.qualification_review_report = std::string(report);
    t.etag = NewId();
    RETURN_IF_ERROR(congress_.UpdateTerm(s, t));
    v1::CongressTerm payload = ToProto(t);
    RETURN_IF_ERROR(
        outbox::Record(s, caller, *clock_,
                       {"democracy.term.reviewed", t.id, t.organisation_path,
                        &payload, absl::StrCat(seated, " qualified")}));
    return t;
  });
}

absl::StatusOr<Replacement> Representatives::Replace(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    absl::string_view id, absl::string_view end_date, absl::string_view reason,
    const std::optional<Successor>& successor) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("id", CheckId("id", id));
  auto end = ParsePastDate("end_date", end_date, clock_->Today());
  v.Merge("end_date", end.status());
  v.Merge("reason", CheckText("reason", reason, kMaxNote, Required::kYes));
  if (successor) CheckSuccessor(v, *successor);
  RETURN_IF_ERROR(v.Status());
  using Found = std::pair<Representative, CongressTerm>;
  ASSIGN_OR_RETURN(
      Found found, db_->Read([&](sql::Session& s) -> absl::StatusOr<Found> {
        ASSIGN_OR_RETURN(Representative r,
                         VisibleRepresentative(s, caller, "id", id));
        ASSIGN_OR_RETURN(CongressTerm t,
                         VisibleTerm(congress_, s, caller, "id", r.term_id));
        return Found{r, t};
      }));
  std::optional<Candidate> candidate;
  if (successor) {
    if (successor->person_id == found.first.person_id) {
      return InvalidField("successor.person_id",
                          "is the representative who leaves");
    }
    ASSIGN_OR_RETURN(candidate,
                     CheckCandidate(caller, "successor.person_id",
                                    successor->person_id, found.second));
  }
  auto load = [&](sql::Session& s,
                  const std::string& ended_id) -> absl::StatusOr<Replacement> {
    Replacement out;
    ASSIGN_OR_RETURN(out.ended,
                     VisibleRepresentative(s, caller, "id", ended_id));
    if (!out.ended.replaced_by_id.empty()) {
      ASSIGN_OR_RETURN(
          out.successor,
          VisibleRepresentative(s, caller, "id", out.ended.replaced_by_id));
    }
    return out;
  };
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Replacement> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Replacement> {
          ASSIGN_OR_RETURN(Representative r,
                           VisibleRepresentative(s, caller, "id", id));
          if (!r.holds_seat()) {
            return absl::FailedPreconditionError(
                "the representative holds no seat");
          }
          if (*end < r.elected_date) {
            return InvalidField("end_date", "is before the election");
          }
          Replacement out;
          if (successor) {
            Representative n;
            n.id = NewId();
            n.term_id = r.term_id;
            n.organisation_id = r.organisation_id;
            n.organisation_path = r.organisation_path;
            n.person_id = successor->person_id;
            n.group = successor->group;
            n.woman = candidate->woman;
            n.age_band = candidate->age_band;
            n.delegation = successor->delegation;
            n.elected_date = *end;
            n.status = RepresentativeStatus::kElected;
            n.replaces_id = r.id;
            n.create_time = clock_->Now();
            n.etag = NewId();
            r.replaced_by_id = n.id;
            out.successor = n;
          }
          r.status = RepresentativeStatus::kEnded;
          r.end_date = *end;
          r.end_reason = std::string(reason);
          r.etag = NewId();
          RETURN_IF_ERROR(store_.Update(s, r));
          RETURN_IF_ERROR(RecordRepresentative(
              s, caller, *clock_, "democracy.representative.ended", r));
          if (out.successor) {
            absl::Status inserted = store_.Insert(s, *out.successor);
            if (inserted.code() == absl::StatusCode::kAlreadyExists) {
              return absl::AlreadyExistsError(
                  "the successor holds a seat of this term already");
            }
            RETURN_IF_ERROR(inserted);
            RETURN_IF_ERROR(RecordRepresentative(
                s, caller, *clock_, "democracy.representative.elected",
                *out.successor));
          }
          out.ended = r;
          return out;
        },
        [](const Replacement& made) { return made.ended.id; },
        [&](const std::string& ended_id) { return load(s, ended_id); });
  });
}

absl::StatusOr<Composition> Representatives::GetComposition(
    const auth::Caller& caller, absl::string_view term_id) {
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<Composition> {
    ASSIGN_OR_RETURN(CongressTerm t,
                     VisibleTerm(congress_, s, caller, "term_id", term_id));
    ASSIGN_OR_RETURN(CompositionCounts counts, store_.Counts(s, t.id));
    return Measure(counts, t.composition_rules);
  });
}

}  // namespace unionhub::democracy

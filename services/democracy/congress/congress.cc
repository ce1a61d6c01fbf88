#include "services/democracy/congress/congress.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/democracy/convert.h"

namespace unionhub::democracy {
namespace {

constexpr int kDefaultCoSigners = 2;
constexpr int kMaxCoSigners = 10;
constexpr size_t kMaxRules = 20;
// A session meets for days, not weeks.
constexpr int kMaxSessionDays = 31;

// A term runs 3 to 5 years: from start to end inclusive, so a three-year term
// from 2024-09-01 ends on 2027-08-31 at the earliest.
void CheckTermLength(Violations& v, absl::string_view field,
                     absl::CivilDay start, absl::CivilDay end) {
  if (end < YearsAfter(start, 3) - 1 || end > YearsAfter(start, 5) - 1) {
    v.Add(field,
          "must be 3 to 5 years after start_date (a term is 3 to 5 "
          "years)");
  }
}

void CheckCoSigners(Violations& v, absl::string_view field, int n) {
  if (n < 0 || n > kMaxCoSigners)
    v.Add(field, absl::StrCat("must be 1 to ", kMaxCoSigners, " (0: 2)"));
}

void CheckRules(Violations& v, absl::string_view field,
                const std::vector<CompositionRule>& rules) {
  if (rules.size() > kMaxRules) {
    v.Add(field, absl::StrCat("holds at most ", kMaxRules, " rules"));
    return;
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    const CompositionRule& r = rules[i];
    std::string at = absl::StrCat(field, "[", i, "]");
    if (r.measure == CompositionMeasure::kUnspecified)
      v.Add(at + ".measure", "is required");
    if (r.measure == CompositionMeasure::kGroup &&
        r.group == RepresentativeGroup::kUnspecified) {
      v.Add(at + ".group", "is required for a group's share");
    }
    if (r.measure != CompositionMeasure::kGroup &&
        r.group != RepresentativeGroup::kUnspecified) {
      v.Add(at + ".group", "is only for a group's share");
    }
    if (r.bound == CompositionBound::kUnspecified)
      v.Add(at + ".bound", "is required");
    if (r.share_basis_points < 1 || r.share_basis_points > 10000)
      v.Add(at + ".share_basis_points", "must be 1 to 10000 (100%)");
  }
}

// Term years (1 is the first twelve months from the start) already over on
// `today` in which no session was held.
std::vector<int> YearsWithoutSession(const CongressTerm& t,
                                     const std::vector<absl::CivilDay>& held,
                                     absl::CivilDay today) {
  std::vector<int> years;
  for (int year = 1;; ++year) {
    absl::CivilDay from = YearsAfter(t.start_date, year - 1);
    absl::CivilDay to =
        std::min(YearsAfter(t.start_date, year) - 1, t.end_date);
    if (from > t.end_date || to >= today) break;
    bool any = std::any_of(held.begin(), held.end(), [&](absl::CivilDay d) {
      return d >= from && d <= to;
    });
    if (!any) years.push_back(year);
  }
  return years;
}

absl::Status RecordTerm(sql::Session& s, const auth::Caller& caller,
                        const Clock& clock, const char* type,
                        const CongressTerm& t, std::string detail = "") {
  v1::CongressTerm payload = ToProto(t);
  return outbox::Record(
      s, caller, clock,
      {type, t.id, t.organisation_path, &payload, std::move(detail)});
}

absl::Status RecordSession(sql::Session& s, const auth::Caller& caller,
                           const Clock& clock, const char* type,
                           const CongressSession& c) {
  v1::CongressSession payload = ToProto(c);
  return outbox::Record(s, caller, clock,
                        {type, c.id, c.organisation_path, &payload,
                         SessionName(c.term_number, c.number)});
}

}  // namespace

absl::StatusOr<CongressTerm> VisibleTerm(CongressStore& store, sql::Session& s,
                                         const auth::Caller& caller,
                                         absl::string_view field,
                                         absl::string_view id) {
  return auth::FindVisible(
      caller, "congress term", field, id, &CongressTerm::organisation_path,
      [&](absl::string_view id) { return store.FindTerm(s, id); });
}

absl::StatusOr<CongressSession> VisibleSession(CongressStore& store,
                                               sql::Session& s,
                                               const auth::Caller& caller,
                                               absl::string_view field,
                                               absl::string_view id) {
  return auth::FindVisible(
      caller, "congress session", field, id,
      &CongressSession::organisation_path,
      [&](absl::string_view id) { return store.FindSession(s, id); });
}

absl::StatusOr<CongressTerm> Congress::CreateTerm(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewTerm& request) {
  const NewTerm& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("term.organisation_id",
          CheckId("term.organisation_id", n.organisation_id));
  if (n.kind == CongressKind::kUnspecified) v.Add("term.kind", "is required");
  if (n.number < 1 || n.number > 99) v.Add("term.number", "must be 1 to 99");
  auto start = ParseDate("term.start_date", n.start_date);
  auto end = ParseDate("term.end_date", n.end_date);
  v.Merge("term.start_date", start.status());
  v.Merge("term.end_date", end.status());
  if (start.ok() && end.ok()) CheckTermLength(v, "term.end_date", *start, *end);
  CheckCoSigners(v, "term.co_signers_required", n.co_signers_required);
  CheckRules(v, "term.composition_rules", n.composition_rules);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(clients::OrganisationRef org,
                   membership_->GetOrganisation(caller, "term.organisation_id",
                                                n.organisation_id));
  if (!org.open) {
    return absl::FailedPreconditionError(
        "the organisation is closed and holds no congress");
  }
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CongressTerm> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<CongressTerm> {
          CongressTerm t;
          t.id = NewId();
          t.organisation_id = org.id;
          t.organisation_path = org.path;
          t.kind = n.kind;
          t.number = n.number;
          t.start_date = *start;
          t.end_date = *end;
          t.co_signers_required = n.co_signers_required == 0
                                      ? kDefaultCoSigners
                                      : n.co_signers_required;
          t.composition_rules = n.composition_rules;
          t.create_time = clock_->Now();
          t.etag = NewId();
          ASSIGN_OR_RETURN(bool overlaps, store_.Overlaps(s, t));
          if (overlaps) {
            return absl::FailedPreconditionError(
                "another term of this congress overlaps those dates");
          }
          absl::Status inserted = store_.InsertTerm(s, t);
          if (inserted.code() == absl::StatusCode::kAlreadyExists) {
            return absl::AlreadyExistsError(absl::StrCat(
                "the union has a ", TermName(t.kind, t.number), " already"));
          }
          RETURN_IF_ERROR(inserted);
          RETURN_IF_ERROR(
              RecordTerm(s, caller, *clock_, "democracy.term.created", t));
          return t;
        },
        [](const CongressTerm& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleTerm(store_, s, caller, "id", id);
        });
  });
}

absl::StatusOr<CongressTerm> Congress::GetTerm(const auth::Caller& caller,
                                               absl::string_view id) {
  absl::CivilDay today = clock_->Today();
  return db_->Read([&](sql::Session& s) -> absl::StatusOr<CongressTerm> {
    ASSIGN_OR_RETURN(CongressTerm t, VisibleTerm(store_, s, caller, "id", id));
    ASSIGN_OR_RETURN(std::vector<absl::CivilDay> held,
                     store_.HeldSessionDays(s, t.id));
    t.years_without_session = YearsWithoutSession(t, held, today);
    return t;
  });
}

absl::StatusOr<Page<CongressTerm>> Congress::ListTerms(
    const auth::Caller& caller, absl::string_view organisation_id,
    int page_size, absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 't', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(
      std::string path,
      clients::SubtreePath(*membership_, caller, "organisation_id", root));
  ASSIGN_OR_RETURN(
      std::vector<CongressTerm> rows, db_->Read([&](sql::Session& s) {
        return store_.ListTerms(s, path, page.after_id(), page.limit());
      }));
  return MakePageById(std::move(rows), page.size, 't');
}

absl::StatusOr<CongressTerm> Congress::UpdateTerm(const auth::Caller& caller,
                                                  const TermChange& change,
                                                  absl::string_view etag) {
  Violations v;
  std::optional<absl::CivilDay> end;
  if (change.end_date_set) {
    auto parsed = ParseDate("term.end_date", change.end_date);
    v.Merge("term.end_date", parsed.status());
    if (parsed.ok()) end = *parsed;
  }
  if (change.co_signers_set) {
    CheckCoSigners(v, "term.co_signers_required", change.co_signers_required);
  }
  if (change.rules_set) {
    CheckRules(v, "term.composition_rules", change.composition_rules);
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CongressTerm> {
    ASSIGN_OR_RETURN(CongressTerm t,
                     VisibleTerm(store_, s, caller, "term.id", change.id));
    RETURN_IF_ERROR(CheckEtag(etag, t.etag));
    std::vector<std::string> changed;
    if (end) {
      Violations length;
      CheckTermLength(length, "term.end_date", t.start_date, *end);
      RETURN_IF_ERROR(length.Status());
      ASSIGN_OR_RETURN(std::optional<absl::CivilDay> last,
                       store_.LastSessionDay(s, t.id));
      if (last && *last > *end) {
        return InvalidField("term.end_date",
                            "is before the last day of a session of the term");
      }
      t.end_date = *end;
      ASSIGN_OR_RETURN(bool overlaps, store_.Overlaps(s, t));
      if (overlaps) {
        return absl::FailedPreconditionError(
            "another term of this congress overlaps those dates");
      }
      changed.push_back("end_date");
    }
    if (change.co_signers_set) {
      t.co_signers_required = change.co_signers_required == 0
                                  ? kDefaultCoSigners
                                  : change.co_signers_required;
      changed.push_back("co_signers_required");
    }
    if (change.rules_set) {
      t.composition_rules = change.composition_rules;
      changed.push_back("composition_rules");
    }
    t.etag = NewId();
    RETURN_IF_ERROR(store_.UpdateTerm(s, t));
    RETURN_IF_ERROR(RecordTerm(s, caller, *clock_, "democracy.term.updated", t,
                               absl::StrJoin(changed, ",")));
    return t;
  });
}

absl::StatusOr<CongressSession> Congress::CreateSession(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewSession& request) {
  const NewSession& n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("session.term_id", CheckId("session.term_id", n.term_id));
  auto start = ParseDate("session.start_date", n.start_date);
  auto end = ParseDate("session.end_date", n.end_date);
  v.Merge("session.start_date", start.status());
  v.Merge("session.end_date", end.status());
  if (start.ok() && end.ok() &&
      (*end < *start || *end - *start >= kMaxSessionDays)) {
    v.Add("session.end_date",
          absl::StrCat("must be on or after start_date, within ",
                       kMaxSessionDays, " days"));
  }
  std::optional<absl::CivilDay> window_start, window_end;
  if (!n.proposal_window_start_date.empty() ||
      !n.proposal_window_end_date.empty()) {
    auto ws = ParseDate("session.proposal_window_start_date",
                        n.proposal_window_start_date);
    auto we = ParseDate("session.proposal_window_end_date",
                        n.proposal_window_end_date);
    v.Merge("session.proposal_window_start_date", ws.status());
    v.Merge("session.proposal_window_end_date", we.status());
    if (ws.ok() && we.ok()) {
      if (*we < *ws) {
        v.Add("session.proposal_window_end_date",
              "is before the window's first day");
      } else if (end.ok() && *we > *end) {
        v.Add("session.proposal_window_end_date",
              "is after the session's last day");
      }
      window_start = *ws;
      window_end = *we;
    }
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CongressSession> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<CongressSession> {
          ASSIGN_OR_RETURN(
              CongressTerm t,
              VisibleTerm(store_, s, caller, "session.term_id", n.term_id));
          if (*start < t.start_date || *end > t.end_date) {
            return InvalidField(
                "session.start_date",
                absl::StrCat("the session must lie within the term, ",
                             FormatDate(t.start_date), " to ",
                             FormatDate(t.end_date)));
          }
          if (window_start && *window_start < YearsAfter(t.start_date, -1)) {
            return InvalidField("session.proposal_window_start_date",
                                "is more than a year before the term");
          }
          CongressSession c;
          c.id = NewId();
          c.term_id = t.id;
          c.organisation_id = t.organisation_id;
          c.organisation_path = t.organisation_path;
          c.term_number = t.number;
          ASSIGN_OR_RETURN(c.number, store_.NumberNextSession(s, t.id));
          c.start_date = *start;
          c.end_date = *end;
          c.proposal_window_start_date = window_start;
          c.proposal_window_end_date = window_end;
          c.status = SessionStatus::kPlanned;
          c.create_time = clock_->Now();
          c.etag = NewId();
          RETURN_IF_ERROR(store_.InsertSession(s, c));
          RETURN_IF_ERROR(RecordSession(s, caller, *clock_,
                                        "democracy.session.planned", c));
          return c;
        },
        [](const CongressSession& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleSession(store_, s, caller, "id", id);
        });
  });
}

absl::StatusOr<CongressSession> Congress::GetSession(const auth::Caller& caller,
                                                     absl::string_view id) {
  return db_->Read([&](sql::Session& s) {
    return VisibleSession(store_, s, caller, "id", id);
  });
}

absl::StatusOr<Page<CongressSession>> Congress::ListSessions(
    const auth::Caller& caller, absl::string_view term_id, int page_size,
    absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 's', 1);
  v.Merge("term_id", CheckId("term_id", term_id));
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(int after, page.after_number());
  ASSIGN_OR_RETURN(
      std::vector<CongressSession> rows,
      db_->Read(
          [&](sql::Session& s) -> absl::StatusOr<std::vector<CongressSession>> {
            RETURN_IF_ERROR(
                VisibleTerm(store_, s, caller, "term_id", term_id).status());
            return store_.ListSessions(s, term_id, after, page.limit());
          }));
  return MakePage(std::move(rows), page.size, 's',
                  [](const CongressSession& c) {
                    return std::vector<std::string>{absl::StrCat(c.number)};
                  });
}

absl::StatusOr<CongressSession> Congress::OpenSession(
    const auth::Caller& caller, absl::string_view id, absl::string_view etag) {
  return MoveSession(caller, id, etag, SessionStatus::kOpen);
}

absl::StatusOr<CongressSession> Congress::CloseSession(
    const auth::Caller& caller, absl::string_view id, absl::string_view etag) {
  return MoveSession(caller, id, etag, SessionStatus::kClosed);
}

absl::StatusOr<CongressSession> Congress::MoveSession(
    const auth::Caller& caller, absl::string_view id, absl::string_view etag,
    SessionStatus to) {
  absl::CivilDay today = clock_->Today();
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<CongressSession> {
    ASSIGN_OR_RETURN(CongressSession c,
                     VisibleSession(store_, s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, c.etag));
    if (to == SessionStatus::kOpen) {
      if (c.status != SessionStatus::kPlanned)
        return absl::FailedPreconditionError("the session is not planned");
      if (today < c.start_date) {
        return absl::FailedPreconditionError(
            absl::StrCat("the session opens on ", FormatDate(c.start_date),
                         " at the "
                         "earliest"));
      }
      ASSIGN_OR_RETURN(CongressTerm t,
                       VisibleTerm(store_, s, caller, "id", c.term_id));
      if (!t.reviewed()) {
        return absl::FailedPreconditionError(
            "the term's qualification review (代表资格审查) is not complete");
      }
    } else {
      if (c.status != SessionStatus::kOpen)
        return absl::FailedPreconditionError("the session is not open");
      ASSIGN_OR_RETURN(int64_t open_votes, store_.OpenVotes(s, c.id));
      if (open_votes > 0) {
        return absl::FailedPreconditionError(
            absl::StrCat(open_votes, " vote(s) of the session are still open"));
      }
    }
    c.status = to;
    c.etag = NewId();
    RETURN_IF_ERROR(store_.UpdateSessionStatus(s, c));
    RETURN_IF_ERROR(RecordSession(s, caller, *clock_,
                                  to == SessionStatus::kOpen
                                      ? "democracy.session.opened"
                                      : "democracy.session.closed",
                                  c));
    return c;
  });
}

}  // namespace unionhub::democracy

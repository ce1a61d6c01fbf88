// Proposals (提案) of a congress session. A seated representative submits
// one inside the session's collection window with at least the term's number
// of co-signers (附议), each a seated representative of the same term. The
// proposal committee accepts it (立案), keeps it as a suggestion (意见建议)
// or rejects it with a reason (不立案), and may merge several into one that
// keeps every author and co-signer. An accepted proposal goes to a
// department (from the union's list, when it keeps one) with a reply
// deadline; the written reply is rated by the proposer, and an unsatisfied
// rating re-opens it once for a new reply. Finished proposals are published;
// every step is in the proposal's history; the figures count forms, outcomes,
// replies on time and satisfaction.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSALS_H_
#define UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSALS_H_

#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/democracy/congress/congress_store.h"
#include "services/democracy/proposals/proposal_store.h"
#include "services/democracy/representatives/representative_store.h"

namespace unionhub::democracy {

struct NewProposal {
  std::string session_id;
  std::string title;
  std::string content;
  std::string proposer_id;
  std::vector<std::string> co_signer_ids;
};

class Proposals final {
 public:
  Proposals(sql::Database* db, clients::MembershipClient* membership,
            const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<Proposal> Submit(const auth::Caller& caller,
                                  const outbox::RequestKey& idempotency,
                                  const NewProposal& request);
  absl::StatusOr<Proposal> Get(const auth::Caller& caller,
                               absl::string_view id);
  absl::StatusOr<Page<Proposal>> List(const auth::Caller& caller,
                                      absl::string_view session_id,
                                      ProposalStatus status, bool only_overdue,
                                      int page_size,
                                      absl::string_view page_token);
  absl::StatusOr<Proposal> Triage(const auth::Caller& caller,
                                  absl::string_view id, TriageOutcome outcome,
                                  absl::string_view reason,
                                  absl::string_view etag);
  absl::StatusOr<Proposal> Merge(const auth::Caller& caller,
                                 absl::string_view into_id,
                                 const std::vector<std::string>& ids);
  absl::StatusOr<Proposal> Assign(const auth::Caller& caller,
                                  absl::string_view id,
                                  absl::string_view department,
                                  absl::string_view reply_deadline,
                                  absl::string_view etag);
  absl::StatusOr<Proposal> Reply(const auth::Caller& caller,
                                 absl::string_view id, absl::string_view reply,
                                 absl::string_view reply_date,
                                 absl::string_view etag);
  // An unsatisfied rating of a proposal not re-opened before re-opens it,
  // due anew on `new_reply_deadline`.
  absl::StatusOr<Proposal> Rate(const auth::Caller& caller,
                                absl::string_view id, ProposalRating rating,
                                absl::string_view note,
                                absl::string_view new_reply_deadline,
                                absl::string_view etag);
  absl::StatusOr<std::vector<ProposalStep>> ListSteps(
      const auth::Caller& caller, absl::string_view proposal_id);
  absl::StatusOr<std::vector<std::string>> SetDepartments(
      const auth::Caller& caller, absl::string_view organisation_id,
      const std::vector<std::string>& departments);
  absl::StatusOr<std::vector<std::string>> GetDepartments(
      const auth::Caller& caller, absl::string_view organisation_id);
  // How many were published.
  absl::StatusOr<int> Publish(const auth::Caller& caller,
                              absl::string_view session_id,
                              absl::string_view published_date);
  absl::StatusOr<ProposalFigures> Summarize(const auth::Caller& caller,
                                            absl::string_view session_id);

 private:
  absl::StatusOr<Proposal> VisibleProposal(sql::Session& s,
                                           const auth::Caller& caller,
                                           absl::string_view field,
                                           absl::string_view id);
  // What a step did: its action ("accepted") and a note for the history.
  struct StepDone {
    std::string action;
    std::string note;
  };
  // Runs `step(session, proposal) -> StatusOr<StepDone>` on the visible
  // proposal `id` (etag checked), then stores it, its step and its event.
  template <typename Step>
  absl::StatusOr<Proposal> Change(const auth::Caller& caller,
                                  absl::string_view id, absl::string_view etag,
                                  Step step);
  absl::Status Record(sql::Session& s, const auth::Caller& caller,
                      const Proposal& p, absl::string_view action,
                      absl::string_view note);

  sql::Database* db_;
  clients::MembershipClient* membership_;
  CongressStore congress_;
  RepresentativeStore representatives_;
  ProposalStore store_;
  const Clock* clock_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_PROPOSALS_PROPOSALS_H_

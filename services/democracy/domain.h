// The democracy domain's records, without protobuf. Enums keep the proto's
// numbers (tied in convert.cc). The rules that decide a congress's votes live
// here as plain functions, so they read as the rule book does.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_DOMAIN_H_
#define UNIONHUB_SERVICES_DEMOCRACY_DOMAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/base/periods.h"

namespace unionhub::democracy {

enum class CongressKind { kUnspecified = 0, kTeachers, kWorkers };

enum class RepresentativeGroup {
  kUnspecified = 0,
  kTeacher,
  kManager,
  kFrontline,
  kTechnical,
  kOther,
};

enum class CompositionMeasure { kUnspecified = 0, kGroup, kWomen, kYoung };
enum class CompositionBound { kUnspecified = 0, kAtLeast, kAtMost };

// A rule for who the representatives are: e.g. teachers at least 6000 basis
// points (60%) of the seated representatives.
struct CompositionRule {
  CompositionMeasure measure = CompositionMeasure::kUnspecified;
  RepresentativeGroup group = RepresentativeGroup::kUnspecified;
  CompositionBound bound = CompositionBound::kUnspecified;
  int share_basis_points = 0;
};

// Whether `count` of `total` keeps `rule`, in integers (no rounding): a rule
// is never met with nobody seated.
inline bool Keeps(const CompositionRule& rule, int64_t count, int64_t total) {
  if (total <= 0) return false;
  int64_t scaled = count * 10000, limit = rule.share_basis_points * total;
  return rule.bound == CompositionBound::kAtLeast ? scaled >= limit
                                                  : scaled <= limit;
}

// A congress term (届): 3 to 5 years.
struct CongressTerm {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  CongressKind kind = CongressKind::kUnspecified;
  int number = 0;
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  int co_signers_required = 0;
  std::vector<CompositionRule> composition_rules;
  std::optional<absl::CivilDay> qualification_review_date;
  std::string qualification_review_report;
  // Term years (1 is the first twelve months) over with no session held;
  // filled by Get only.
  std::vector<int> years_without_session;
  absl::Time create_time;
  std::string etag;

  bool reviewed() const { return qualification_review_date.has_value(); }
};

enum class SessionStatus { kUnspecified = 0, kPlanned, kOpen, kClosed };

// A session (次) of a term.
struct CongressSession {
  std::string id;
  std::string term_id;
  std::string organisation_id;
  std::string organisation_path;
  int term_number = 0;  // The term's 届, for the session's name.
  int number = 0;
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  std::optional<absl::CivilDay> proposal_window_start_date;
  std::optional<absl::CivilDay> proposal_window_end_date;
  SessionStatus status = SessionStatus::kUnspecified;
  absl::Time create_time;
  std::string etag;
};

// "三", "十二", "二十" for 1..99: how terms and sessions are numbered.
std::string ChineseNumber(int n);
// "第三届教职工代表大会".
std::string TermName(CongressKind kind, int number);
// "三届三次".
std::string SessionName(int term_number, int session_number);

enum class AgeBand { kUnspecified = 0, kUnder35, k35To49, k50AndOver };
// The band of someone born on `birth_date` on `day`.
AgeBand AgeBandOn(absl::CivilDay birth_date, absl::CivilDay day);

enum class RepresentativeStatus {
  kUnspecified = 0,
  kElected,
  kQualified,
  kDisqualified,
  kEnded,
};

struct Representative {
  std::string id;
  std::string term_id;
  std::string organisation_id;
  std::string organisation_path;
  std::string person_id;
  RepresentativeGroup group = RepresentativeGroup::kUnspecified;
  bool woman = false;
  AgeBand age_band = AgeBand::kUnspecified;
  std::string delegation;
  absl::CivilDay elected_date;
  RepresentativeStatus status = RepresentativeStatus::kUnspecified;
  std::string review_note;
  std::string replaces_id;
  std::string replaced_by_id;
  std::optional<absl::CivilDay> end_date;
  std::string end_reason;
  absl::Time create_time;
  std::string etag;

  // The mandate stands: elected or qualified, not ended.
  bool holds_seat() const {
    return status == RepresentativeStatus::kElected ||
           status == RepresentativeStatus::kQualified;
  }
  // Counted in every quorum of the term.
  bool seated() const { return status == RepresentativeStatus::kQualified; }
};

// Seated representatives counted by what composition rules measure.
struct CompositionCounts {
  int seated = 0;
  int awaiting_review = 0;
  int women = 0;
  int young = 0;
  std::vector<std::pair<RepresentativeGroup, int>> by_group;
  std::vector<std::pair<AgeBand, int>> by_age_band;
  std::vector<std::pair<std::string, int>> by_delegation;
};

struct CompositionResult {
  CompositionRule rule;
  int count = 0;
  int total = 0;
  bool met = false;
};

struct Composition {
  CompositionCounts counts;
  std::vector<CompositionResult> rules;
  bool all_rules_met = true;
};

// Measures each of `rules` against `counts`.
Composition Measure(const CompositionCounts& counts,
                    const std::vector<CompositionRule>& rules);

enum class AgendaItemKind {
  kUnspecified = 0,
  kWorkReport,
  kFinancialReport,
  kPlan,
  kCollectiveContract,
  kElection,
  kOther,
};

struct AgendaItem {
  std::string id;
  std::string session_id;
  std::string organisation_id;
  std::string organisation_path;
  int position = 0;
  AgendaItemKind kind = AgendaItemKind::kUnspecified;
  std::string title;
  std::string description;
  absl::Time create_time;
};

enum class AttendanceStatus { kUnspecified = 0, kPresent, kExcused, kAbsent };

struct Attendance {
  std::string representative_id;
  AttendanceStatus status = AttendanceStatus::kUnspecified;
  std::string note;
};

struct AttendanceSummary {
  int representatives = 0;
  int present = 0;
  int excused = 0;
  int absent = 0;
  bool quorum = false;
};

// A congress may vote only with two thirds of ALL its seated representatives
// present: 42 of 62 is a quorum (62 * 2/3 = 41.33), 41 is not.
inline bool IsQuorum(int64_t present, int64_t representatives) {
  return representatives > 0 && present * 3 >= representatives * 2;
}
// The fewest present for a quorum of `representatives`.
inline int64_t QuorumOf(int64_t representatives) {
  return (representatives * 2 + 2) / 3;
}
// A resolution passes with more than half of ALL the term's representatives
// voting for, not of those present or voting: 31 of 62 is not a pass.
inline bool Passes(int64_t votes_for, int64_t representatives) {
  return votes_for * 2 > representatives;
}

enum class VoteChoice { kUnspecified = 0, kFor, kAgainst, kAbstain };
enum class VoteStatus { kUnspecified = 0, kOpen, kClosed };
enum class VoteOutcome { kUnspecified = 0, kPassed, kRejected };

struct Vote {
  std::string id;
  std::string agenda_item_id;
  std::string session_id;
  std::string term_id;
  std::string organisation_id;
  std::string organisation_path;
  std::string question;
  VoteStatus status = VoteStatus::kUnspecified;
  int representatives = 0;  // Seated when it opened: the pass denominator.
  int present = 0;
  int votes_for = 0;
  int votes_against = 0;
  int abstentions = 0;
  VoteOutcome outcome = VoteOutcome::kUnspecified;
  std::string resolution_text;
  absl::Time open_time;
  std::optional<absl::Time> close_time;
};

struct Ballot {
  std::string vote_id;
  std::string representative_id;
  VoteChoice choice = VoteChoice::kUnspecified;
};

enum class ProposalStatus {
  kUnspecified = 0,
  kSubmitted,
  kAccepted,
  kSuggestion,
  kRejected,
  kMerged,
  kAssigned,
  kReplied,
  kRated,
};
enum class TriageOutcome { kUnspecified = 0, kAccept, kSuggestion, kReject };
enum class ProposalRating {
  kUnspecified = 0,
  kSatisfied,
  kBasicallySatisfied,
  kUnsatisfied,
};

// A proposal (提案) of a session.
struct Proposal {
  std::string id;
  std::string session_id;
  std::string term_id;
  std::string organisation_id;
  std::string organisation_path;
  int number = 0;
  std::string title;
  std::string content;
  std::string proposer_id;
  std::vector<std::string> author_ids;     // The proposer first.
  std::vector<std::string> co_signer_ids;  // In the order they signed.
  ProposalStatus status = ProposalStatus::kUnspecified;
  std::string triage_reason;
  std::string merged_into_id;
  std::string department;
  std::optional<absl::CivilDay> reply_deadline;
  std::string reply;
  std::optional<absl::CivilDay> reply_date;
  bool replied_on_time = false;
  ProposalRating rating = ProposalRating::kUnspecified;
  bool reopened = false;
  std::optional<absl::CivilDay> published_date;
  absl::CivilDay submitted_date;
  absl::Time create_time;
  std::string etag;

  // No step follows: rated, or decided at triage.
  bool finished() const {
    return status == ProposalStatus::kRated ||
           status == ProposalStatus::kSuggestion ||
           status == ProposalStatus::kRejected;
  }
};

struct ProposalStep {
  std::string action;
  ProposalStatus status = ProposalStatus::kUnspecified;
  std::string note;
  std::string key_id;
  absl::Time time;
};

struct ProposalFigures {
  int received = 0;
  int accepted = 0;
  int suggestions = 0;
  int rejected = 0;
  int merged = 0;
  int awaiting_triage = 0;
  int replied = 0;
  int replied_on_time = 0;
  int overdue = 0;
  int rated = 0;
  int satisfied = 0;
  int basically_satisfied = 0;
  int unsatisfied = 0;
};

enum class EvaluationRating {
  kUnspecified = 0,
  kExcellent,
  kCompetent,
  kBasicallyCompetent,
  kIncompetent,
};
enum class EvaluationRoundStatus { kUnspecified = 0, kOpen, kClosed };

struct EvaluatedLeader {
  std::string name;
  std::string post;
};

// A round of democratic evaluation (民主评议) at a session.
struct EvaluationRound {
  std::string id;
  std::string session_id;
  std::string term_id;
  std::string organisation_id;
  std::string organisation_path;
  std::string title;
  std::vector<EvaluatedLeader> leaders;
  EvaluationRoundStatus status = EvaluationRoundStatus::kUnspecified;
  int ballots = 0;
  int eligible = 0;
  absl::Time create_time;
  std::optional<absl::Time> close_time;
};

// One leader's counts, indexed by EvaluationRating (0 unused).
struct LeaderResult {
  EvaluatedLeader leader;
  int counts[5] = {0, 0, 0, 0, 0};
};

enum class DisclosureCategory {
  kUnspecified = 0,
  kFinance,
  kProcurement,
  kTitles,
  kAwards,
  kPerformancePay,
  kAppointments,
  kFees,
  kLargeExpenditure,
  kOther,
};
enum class DisclosureFrequency {
  kUnspecified = 0,
  kMonthly,
  kQuarterly,
  kYearly,
  kPerEvent,
};

// What a union must disclose, and how often (公开目录).
struct DisclosureCatalogueEntry {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  DisclosureCategory category = DisclosureCategory::kUnspecified;
  std::string title;
  DisclosureFrequency frequency = DisclosureFrequency::kUnspecified;
  int grace_days = 0;
  absl::Time create_time;
};

// The schedule of a catalogue entry's periods (libs/base/periods.h); nullopt
// for one disclosed whenever it happens.
std::optional<Schedule> ScheduleOf(DisclosureFrequency frequency);

struct DisclosureItem {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  DisclosureCategory category = DisclosureCategory::kUnspecified;
  std::string title;
  std::string content;
  std::string catalogue_entry_id;
  std::string period;
  absl::CivilDay publicity_start_date;
  absl::CivilDay publicity_end_date;
  int objections = 0;
  int open_objections = 0;
  absl::Time create_time;

  // 公示无异议: the window closed before `today` and no objection is open.
  bool FinalOn(absl::CivilDay today) const {
    return today > publicity_end_date && open_objections == 0;
  }
};

struct DisclosureObjection {
  std::string id;
  std::string item_id;
  std::string organisation_path;
  absl::CivilDay filed_date;
  std::string content;
  bool answered = false;
  std::string answer;
  std::optional<absl::CivilDay> answered_date;
  bool upheld = false;
  absl::Time create_time;
};

struct DisclosureDue {
  std::string catalogue_entry_id;
  std::string title;
  std::string period;
  absl::CivilDay due_date;
  std::optional<absl::CivilDay> disclosed_date;
  bool on_time = false;
};

struct DisclosureCompleteness {
  int due = 0;
  int on_time = 0;
  int late = 0;
  int missing = 0;
  std::vector<DisclosureDue> periods;
};

enum class ContractKind {
  kUnspecified = 0,
  kComprehensive,
  kWages,
  kWomen,
  kSafety,
};
enum class ContractStatus { kUnspecified = 0, kDraft, kApproved };

// A collective contract (集体合同) between a union and its employer.
struct CollectiveContract {
  std::string id;
  std::string organisation_id;
  std::string organisation_path;
  ContractKind kind = ContractKind::kUnspecified;
  std::string title;
  std::string employer;
  absl::CivilDay start_date;
  absl::CivilDay end_date;
  int workers_covered = 0;
  ContractStatus status = ContractStatus::kUnspecified;
  std::string approval_vote_id;
  std::optional<absl::CivilDay> approved_date;
  std::string previous_contract_id;
  std::string renewed_by_id;
  absl::Time create_time;
  std::string etag;

  bool InForceOn(absl::CivilDay day) const {
    return status == ContractStatus::kApproved && day >= start_date &&
           day <= end_date;
  }
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_DOMAIN_H_

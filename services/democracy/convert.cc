#include "services/democracy/convert.h"

#include "absl/strings/str_cat.h"
#include "libs/base/clock.h"
#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/proto_time.h"

namespace unionhub::democracy {
namespace {

UNIONHUB_MIRRORS_PROTO_ENUM(CongressKind, v1::CongressKind, kWorkers);
UNIONHUB_MIRRORS_PROTO_ENUM(RepresentativeGroup, v1::RepresentativeGroup,
                            kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(CompositionMeasure, v1::CompositionMeasure, kYoung);
UNIONHUB_MIRRORS_PROTO_ENUM(CompositionBound, v1::CompositionBound, kAtMost);
UNIONHUB_MIRRORS_PROTO_ENUM(SessionStatus, v1::SessionStatus, kClosed);
UNIONHUB_MIRRORS_PROTO_ENUM(AgeBand, v1::AgeBand, k50AndOver);
UNIONHUB_MIRRORS_PROTO_ENUM(RepresentativeStatus, v1::RepresentativeStatus,
                            kEnded);
UNIONHUB_MIRRORS_PROTO_ENUM(AgendaItemKind, v1::AgendaItemKind, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(AttendanceStatus, v1::AttendanceStatus, kAbsent);
UNIONHUB_MIRRORS_PROTO_ENUM(VoteChoice, v1::VoteChoice, kAbstain);
UNIONHUB_MIRRORS_PROTO_ENUM(VoteStatus, v1::VoteStatus, kClosed);
UNIONHUB_MIRRORS_PROTO_ENUM(VoteOutcome, v1::VoteOutcome, kRejected);
UNIONHUB_MIRRORS_PROTO_ENUM(ProposalStatus, v1::ProposalStatus, kRated);
UNIONHUB_MIRRORS_PROTO_ENUM(TriageOutcome, v1::TriageOutcome, kReject);
UNIONHUB_MIRRORS_PROTO_ENUM(ProposalRating, v1::ProposalRating, kUnsatisfied);
UNIONHUB_MIRRORS_PROTO_ENUM(EvaluationRating, v1::EvaluationRating,
                            kIncompetent);
UNIONHUB_MIRRORS_PROTO_ENUM(EvaluationRoundStatus, v1::EvaluationRoundStatus,
                            kClosed);
UNIONHUB_MIRRORS_PROTO_ENUM(DisclosureCategory, v1::DisclosureCategory, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(DisclosureFrequency, v1::DisclosureFrequency,
                            kPerEvent);
UNIONHUB_MIRRORS_PROTO_ENUM(ContractKind, v1::ContractKind, kSafety);
UNIONHUB_MIRRORS_PROTO_ENUM(ContractStatus, v1::ContractStatus, kApproved);

v1::CompositionRule ToProto(const CompositionRule& r) {
  v1::CompositionRule out;
  out.set_measure(static_cast<v1::CompositionMeasure>(r.measure));
  out.set_group(static_cast<v1::RepresentativeGroup>(r.group));
  out.set_bound(static_cast<v1::CompositionBound>(r.bound));
  out.set_share_basis_points(r.share_basis_points);
  return out;
}

}  // namespace

v1::CongressTerm ToProto(const CongressTerm& t) {
  v1::CongressTerm out;
  out.set_id(t.id);
  out.set_organisation_id(t.organisation_id);
  out.set_kind(static_cast<v1::CongressKind>(t.kind));
  out.set_number(t.number);
  out.set_name(TermName(t.kind, t.number));
  out.set_start_date(FormatDate(t.start_date));
  out.set_end_date(FormatDate(t.end_date));
  out.set_co_signers_required(t.co_signers_required);
  for (const CompositionRule& r : t.composition_rules)
    *out.add_composition_rules() = ToProto(r);
  out.set_qualification_review_date(
      FormatDateOrEmpty(t.qualification_review_date));
  out.set_qualification_review_report(t.qualification_review_report);
  for (int year : t.years_without_session) out.add_years_without_session(year);
  *out.mutable_create_time() = rpc::ToProtoTime(t.create_time);
  out.set_etag(t.etag);
  return out;
}

v1::CongressSession ToProto(const CongressSession& s) {
  v1::CongressSession out;
  out.set_id(s.id);
  out.set_term_id(s.term_id);
  out.set_organisation_id(s.organisation_id);
  out.set_number(s.number);
  out.set_name(SessionName(s.term_number, s.number));
  out.set_start_date(FormatDate(s.start_date));
  out.set_end_date(FormatDate(s.end_date));
  out.set_proposal_window_start_date(
      FormatDateOrEmpty(s.proposal_window_start_date));
  out.set_proposal_window_end_date(
      FormatDateOrEmpty(s.proposal_window_end_date));
  out.set_status(static_cast<v1::SessionStatus>(s.status));
  *out.mutable_create_time() = rpc::ToProtoTime(s.create_time);
  out.set_etag(s.etag);
  return out;
}

v1::Representative ToProto(const Representative& r) {
  v1::Representative out;
  out.set_id(r.id);
  out.set_term_id(r.term_id);
  out.set_organisation_id(r.organisation_id);
  out.set_person_id(r.person_id);
  out.set_group(static_cast<v1::RepresentativeGroup>(r.group));
  out.set_woman(r.woman);
  out.set_age_band(static_cast<v1::AgeBand>(r.age_band));
  out.set_delegation(r.delegation);
  out.set_elected_date(FormatDate(r.elected_date));
  out.set_status(static_cast<v1::RepresentativeStatus>(r.status));
  out.set_review_note(r.review_note);
  out.set_replaces_id(r.replaces_id);
  out.set_replaced_by_id(r.replaced_by_id);
  out.set_end_date(FormatDateOrEmpty(r.end_date));
  out.set_end_reason(r.end_reason);
  *out.mutable_create_time() = rpc::ToProtoTime(r.create_time);
  out.set_etag(r.etag);
  return out;
}

v1::GetCompositionResponse ToProto(const Composition& c) {
  v1::GetCompositionResponse out;
  out.set_seated(c.counts.seated);
  out.set_awaiting_review(c.counts.awaiting_review);
  out.set_women(c.counts.women);
  for (const auto& [group, n] : c.counts.by_group) {
    v1::CompositionCount* count = out.add_by_group();
    count->set_key(v1::RepresentativeGroup_Name(
        static_cast<v1::RepresentativeGroup>(group)));
    count->set_count(n);
  }
  for (const auto& [band, n] : c.counts.by_age_band) {
    v1::CompositionCount* count = out.add_by_age_band();
    count->set_key(v1::AgeBand_Name(static_cast<v1::AgeBand>(band)));
    count->set_count(n);
  }
  for (const auto& [delegation, n] : c.counts.by_delegation) {
    v1::CompositionCount* count = out.add_by_delegation();
    count->set_key(delegation);
    count->set_count(n);
  }
  for (const CompositionResult& r : c.rules) {
    v1::CompositionResult* result = out.add_rules();
    *result->mutable_rule() = ToProto(r.rule);
    result->set_count(r.count);
    result->set_total(r.total);
    result->set_met(r.met);
  }
  out.set_all_rules_met(c.all_rules_met);
  return out;
}

v1::AgendaItem ToProto(const AgendaItem& a) {
  v1::AgendaItem out;
  out.set_id(a.id);
  out.set_session_id(a.session_id);
  out.set_organisation_id(a.organisation_id);
  out.set_position(a.position);
  out.set_kind(static_cast<v1::AgendaItemKind>(a.kind));
  out.set_title(a.title);
  out.set_description(a.description);
  *out.mutable_create_time() = rpc::ToProtoTime(a.create_time);
  return out;
}

v1::AttendanceSummary ToProto(const AttendanceSummary& a) {
  v1::AttendanceSummary out;
  out.set_representatives(a.representatives);
  out.set_present(a.present);
  out.set_excused(a.excused);
  out.set_absent(a.absent);
  out.set_quorum(a.quorum);
  return out;
}

v1::Attendance ToProto(const Attendance& a) {
  v1::Attendance out;
  out.set_representative_id(a.representative_id);
  out.set_status(static_cast<v1::AttendanceStatus>(a.status));
  out.set_note(a.note);
  return out;
}

v1::Vote ToProto(const Vote& v) {
  v1::Vote out;
  out.set_id(v.id);
  out.set_agenda_item_id(v.agenda_item_id);
  out.set_session_id(v.session_id);
  out.set_organisation_id(v.organisation_id);
  out.set_question(v.question);
  out.set_status(static_cast<v1::VoteStatus>(v.status));
  out.set_representatives(v.representatives);
  out.set_present(v.present);
  out.set_votes_for(v.votes_for);
  out.set_votes_against(v.votes_against);
  out.set_abstentions(v.abstentions);
  out.set_outcome(static_cast<v1::VoteOutcome>(v.outcome));
  out.set_resolution_text(v.resolution_text);
  *out.mutable_open_time() = rpc::ToProtoTime(v.open_time);
  if (v.close_time) *out.mutable_close_time() = rpc::ToProtoTime(*v.close_time);
  return out;
}

v1::Ballot ToProto(const Ballot& b) {
  v1::Ballot out;
  out.set_vote_id(b.vote_id);
  out.set_representative_id(b.representative_id);
  out.set_choice(static_cast<v1::VoteChoice>(b.choice));
  return out;
}

v1::Proposal ToProto(const Proposal& p) {
  v1::Proposal out;
  out.set_id(p.id);
  out.set_session_id(p.session_id);
  out.set_organisation_id(p.organisation_id);
  out.set_number(p.number);
  out.set_title(p.title);
  out.set_content(p.content);
  out.set_proposer_id(p.proposer_id);
  for (const std::string& id : p.co_signer_ids) out.add_co_signer_ids(id);
  for (const std::string& id : p.author_ids) out.add_author_ids(id);
  out.set_status(static_cast<v1::ProposalStatus>(p.status));
  out.set_triage_reason(p.triage_reason);
  out.set_merged_into_id(p.merged_into_id);
  out.set_department(p.department);
  out.set_reply_deadline(FormatDateOrEmpty(p.reply_deadline));
  out.set_reply(p.reply);
  out.set_reply_date(FormatDateOrEmpty(p.reply_date));
  out.set_rating(static_cast<v1::ProposalRating>(p.rating));
  out.set_reopened(p.reopened);
  out.set_published_date(FormatDateOrEmpty(p.published_date));
  out.set_submitted_date(FormatDate(p.submitted_date));
  *out.mutable_create_time() = rpc::ToProtoTime(p.create_time);
  out.set_etag(p.etag);
  return out;
}

v1::ProposalStep ToProto(const ProposalStep& s) {
  v1::ProposalStep out;
  out.set_action(s.action);
  out.set_status(static_cast<v1::ProposalStatus>(s.status));
  out.set_note(s.note);
  out.set_key_id(s.key_id);
  *out.mutable_time() = rpc::ToProtoTime(s.time);
  return out;
}

v1::ProposalFigures ToProto(const ProposalFigures& f) {
  v1::ProposalFigures out;
  out.set_received(f.received);
  out.set_accepted(f.accepted);
  out.set_suggestions(f.suggestions);
  out.set_rejected(f.rejected);
  out.set_merged(f.merged);
  out.set_awaiting_triage(f.awaiting_triage);
  out.set_replied(f.replied);
  out.set_replied_on_time(f.replied_on_time);
  out.set_overdue(f.overdue);
  out.set_rated(f.rated);
  out.set_satisfied(f.satisfied);
  out.set_basically_satisfied(f.basically_satisfied);
  out.set_unsatisfied(f.unsatisfied);
  return out;
}

v1::EvaluationRound ToProto(const EvaluationRound& r) {
  v1::EvaluationRound out;
  out.set_id(r.id);
  out.set_session_id(r.session_id);
  out.set_organisation_id(r.organisation_id);
  out.set_title(r.title);
  for (const EvaluatedLeader& l : r.leaders) {
    v1::EvaluatedLeader* leader = out.add_leaders();
    leader->set_name(l.name);
    leader->set_post(l.post);
  }
  out.set_status(static_cast<v1::EvaluationRoundStatus>(r.status));
  out.set_ballots(r.ballots);
  out.set_eligible(r.eligible);
  *out.mutable_create_time() = rpc::ToProtoTime(r.create_time);
  if (r.close_time) *out.mutable_close_time() = rpc::ToProtoTime(*r.close_time);
  return out;
}

v1::LeaderResult ToProto(const LeaderResult& r) {
  v1::LeaderResult out;
  out.mutable_leader()->set_name(r.leader.name);
  out.mutable_leader()->set_post(r.leader.post);
  out.set_excellent(r.counts[static_cast<int>(EvaluationRating::kExcellent)]);
  out.set_competent(r.counts[static_cast<int>(EvaluationRating::kCompetent)]);
  out.set_basically_competent(
      r.counts[static_cast<int>(EvaluationRating::kBasicallyCompetent)]);
  out.set_incompetent(
      r.counts[static_cast<int>(EvaluationRating::kIncompetent)]);
  return out;
}

v1::DisclosureCatalogueEntry ToProto(const DisclosureCatalogueEntry& e) {
  v1::DisclosureCatalogueEntry out;
  out.set_id(e.id);
  out.set_organisation_id(e.organisation_id);
  out.set_category(static_cast<v1::DisclosureCategory>(e.category));
  out.set_title(e.title);
  out.set_frequency(static_cast<v1::DisclosureFrequency>(e.frequency));
  out.set_grace_days(e.grace_days);
  *out.mutable_create_time() = rpc::ToProtoTime(e.create_time);
  return out;
}

v1::DisclosureItem ToProto(const DisclosureItem& i, absl::CivilDay today) {
  v1::DisclosureItem out;
  out.set_id(i.id);
  out.set_organisation_id(i.organisation_id);
  out.set_category(static_cast<v1::DisclosureCategory>(i.category));
  out.set_title(i.title);
  out.set_content(i.content);
  out.set_catalogue_entry_id(i.catalogue_entry_id);
  out.set_period(i.period);
  out.set_publicity_start_date(FormatDate(i.publicity_start_date));
  out.set_publicity_end_date(FormatDate(i.publicity_end_date));
  out.set_objections(i.objections);
  out.set_open_objections(i.open_objections);
  out.set_final(i.FinalOn(today));
  *out.mutable_create_time() = rpc::ToProtoTime(i.create_time);
  return out;
}

v1::DisclosureObjection ToProto(const DisclosureObjection& o) {
  v1::DisclosureObjection out;
  out.set_id(o.id);
  out.set_item_id(o.item_id);
  out.set_filed_date(FormatDate(o.filed_date));
  out.set_content(o.content);
  out.set_answered(o.answered);
  out.set_answer(o.answer);
  out.set_answered_date(FormatDateOrEmpty(o.answered_date));
  out.set_upheld(o.upheld);
  *out.mutable_create_time() = rpc::ToProtoTime(o.create_time);
  return out;
}

v1::GetDisclosureCompletenessResponse ToProto(const DisclosureCompleteness& c) {
  v1::GetDisclosureCompletenessResponse out;
  out.set_due(c.due);
  out.set_on_time(c.on_time);
  out.set_late(c.late);
  out.set_missing(c.missing);
  for (const DisclosureDue& d : c.periods) {
    v1::DisclosureDue* p = out.add_periods();
    p->set_catalogue_entry_id(d.catalogue_entry_id);
    p->set_title(d.title);
    p->set_period(d.period);
    p->set_due_date(FormatDate(d.due_date));
    p->set_disclosed_date(FormatDateOrEmpty(d.disclosed_date));
    p->set_on_time(d.on_time);
  }
  return out;
}

v1::CollectiveContract ToProto(const CollectiveContract& c,
                               absl::CivilDay today) {
  v1::CollectiveContract out;
  out.set_id(c.id);
  out.set_organisation_id(c.organisation_id);
  out.set_kind(static_cast<v1::ContractKind>(c.kind));
  out.set_title(c.title);
  out.set_employer(c.employer);
  out.set_start_date(FormatDate(c.start_date));
  out.set_end_date(FormatDate(c.end_date));
  out.set_workers_covered(c.workers_covered);
  out.set_status(static_cast<v1::ContractStatus>(c.status));
  out.set_approval_vote_id(c.approval_vote_id);
  out.set_approved_date(FormatDateOrEmpty(c.approved_date));
  out.set_in_force(c.InForceOn(today));
  out.set_previous_contract_id(c.previous_contract_id);
  out.set_renewed_by_id(c.renewed_by_id);
  *out.mutable_create_time() = rpc::ToProtoTime(c.create_time);
  out.set_etag(c.etag);
  return out;
}

absl::StatusOr<std::vector<CompositionRule>> FromProto(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<v1::CompositionRule>& rules) {
  std::vector<CompositionRule> out;
  for (int i = 0; i < rules.size(); ++i) {
    const v1::CompositionRule& in = rules[i];
    std::string at = absl::StrCat(field, "[", i, "]");
    CompositionRule r;
    ASSIGN_OR_RETURN(r.measure, rpc::FromProtoEnum<CompositionMeasure>(
                                    at + ".measure", in.measure(),
                                    v1::CompositionMeasure_IsValid));
    ASSIGN_OR_RETURN(r.group, rpc::FromProtoEnum<RepresentativeGroup>(
                                  at + ".group", in.group(),
                                  v1::RepresentativeGroup_IsValid));
    ASSIGN_OR_RETURN(
        r.bound, rpc::FromProtoEnum<CompositionBound>(
                     at + ".bound", in.bound(), v1::CompositionBound_IsValid));
    r.share_basis_points = in.share_basis_points();
    out.push_back(r);
  }
  return out;
}

}  // namespace unionhub::democracy

#include "services/membership/convert.h"

#include "libs/base/clock.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/proto_time.h"
#include "services/membership/id_number.h"

namespace unionhub::membership {

// Each domain enum keeps its proto's numbers (see libs/rpc/enums.h).
UNIONHUB_MIRRORS_PROTO_ENUM(OrganisationType, v1::OrganisationType,
                            kUnionGroup);
UNIONHUB_MIRRORS_PROTO_ENUM(OrganisationState, v1::OrganisationState, kClosed);
UNIONHUB_MIRRORS_PROTO_ENUM(EmploymentType, v1::EmploymentType, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(MemberStatus, v1::MemberStatus, kDeceased);
UNIONHUB_MIRRORS_PROTO_ENUM(Sex, v1::Sex, kFemale);
UNIONHUB_MIRRORS_PROTO_ENUM(OfficerPosition, v1::OfficerPosition,
                            kCommitteeMember);
UNIONHUB_MIRRORS_PROTO_ENUM(CommitteeTermState, v1::CommitteeTermState, kEnded);
UNIONHUB_MIRRORS_PROTO_ENUM(UnionFoundingStatus, v1::UnionFoundingStatus,
                            kFounded);
UNIONHUB_MIRRORS_PROTO_ENUM(ModelWorkerLevel, v1::ModelWorkerLevel, kCity);
UNIONHUB_MIRRORS_PROTO_ENUM(HardshipCause, v1::HardshipCause, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(ActivityKind, v1::ActivityKind, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(HonourLevel, v1::HonourLevel, kUnit);
using rpc::SetProtoTime;

v1::Organisation ToProto(const Organisation& o) {
  v1::Organisation p;
  p.set_id(o.id);
  p.set_parent_id(o.parent_id);
  p.set_name(o.name);
  p.set_type(static_cast<v1::OrganisationType>(o.type));
  p.set_path(o.path);
  p.set_state(static_cast<v1::OrganisationState>(o.state));
  SetProtoTime(o.create_time, p.mutable_create_time());
  SetProtoTime(o.update_time, p.mutable_update_time());
  p.set_etag(o.etag);
  return p;
}

v1::Member ToProto(const Member& m, PersonalData personal_data) {
  v1::Member p;
  p.set_id(m.id);
  p.set_person_id(m.person_id);
  p.set_organisation_id(m.organisation_id);
  p.set_name(m.name);
  switch (personal_data) {
    case PersonalData::kFull:
      p.set_id_number(m.id_number);
      p.set_phone(m.phone);
      break;
    case PersonalData::kMasked:
      p.set_id_number(MaskIdNumber(m.id_number));
      if (!m.phone.empty()) p.set_phone(MaskPhone(m.phone));
      break;
    case PersonalData::kOmitted:
      break;
  }
  p.set_sex(static_cast<v1::Sex>(m.sex));
  p.set_birth_date(FormatDate(m.birth_date));
  p.set_employment_type(static_cast<v1::EmploymentType>(m.employment_type));
  p.set_join_date(FormatDate(m.join_date));
  p.set_status(static_cast<v1::MemberStatus>(m.status));
  p.set_status_date(FormatDate(m.status_date));
  p.set_transferred_from_member_id(m.transferred_from_member_id);
  p.set_transferred_to_member_id(m.transferred_to_member_id);
  SetProtoTime(m.create_time, p.mutable_create_time());
  SetProtoTime(m.update_time, p.mutable_update_time());
  p.set_etag(m.etag);
  return p;
}

v1::MemberStatusChange ToProto(const MemberStatusChange& c) {
  v1::MemberStatusChange p;
  p.set_member_id(c.member_id);
  p.set_from_status(static_cast<v1::MemberStatus>(c.from_status));
  p.set_to_status(static_cast<v1::MemberStatus>(c.to_status));
  p.set_effective_date(FormatDate(c.effective_date));
  p.set_reason(c.reason);
  p.set_organisation_id(c.organisation_id);
  p.set_actor_key_id(c.actor_key_id);
  SetProtoTime(c.record_time, p.mutable_record_time());
  return p;
}

v1::CommitteeTerm ToProto(const CommitteeTerm& t) {
  v1::CommitteeTerm p;
  p.set_id(t.id);
  p.set_organisation_id(t.organisation_id);
  p.set_term_number(t.term_number);
  p.set_start_date(FormatDate(t.start_date));
  p.set_length_years(t.length_years);
  p.set_due_date(FormatDate(t.due_date()));
  p.mutable_election()->set_election_date(FormatDate(t.election.election_date));
  p.mutable_election()->set_eligible_voters(t.election.eligible_voters);
  p.mutable_election()->set_voters_present(t.election.voters_present);
  p.mutable_election()->set_method(t.election.method);
  p.set_state(static_cast<v1::CommitteeTermState>(t.state));
  if (t.end_date) p.set_end_date(FormatDate(*t.end_date));
  SetProtoTime(t.create_time, p.mutable_create_time());
  return p;
}

v1::Officer ToProto(const Officer& o) {
  v1::Officer p;
  p.set_id(o.id);
  p.set_term_id(o.term_id);
  p.set_member_id(o.member_id);
  p.set_member_name(o.member_name);
  p.set_position(static_cast<v1::OfficerPosition>(o.position));
  p.set_votes_for(o.votes_for);
  p.set_start_date(FormatDate(o.start_date));
  if (o.end_date) p.set_end_date(FormatDate(*o.end_date));
  p.set_end_reason(o.end_reason);
  return p;
}

v1::Enterprise ToProto(const Enterprise& e) {
  v1::Enterprise p;
  p.set_id(e.id);
  p.set_organisation_id(e.organisation_id);
  p.set_name(e.name);
  p.set_credit_code(e.credit_code);
  p.set_employees(e.employees);
  p.set_required_to_found(e.required_to_found);
  p.set_founding_status(
      static_cast<v1::UnionFoundingStatus>(e.founding_status));
  if (e.applied_date) p.set_applied_date(FormatDate(*e.applied_date));
  if (e.founded_date) p.set_founded_date(FormatDate(*e.founded_date));
  p.set_union_organisation_id(e.union_organisation_id);
  SetProtoTime(e.create_time, p.mutable_create_time());
  SetProtoTime(e.update_time, p.mutable_update_time());
  p.set_etag(e.etag);
  return p;
}

v1::Rate ToProto(const Rate& r) {
  v1::Rate p;
  p.set_numerator(r.numerator);
  p.set_denominator(r.denominator);
  p.set_basis_points(r.basis_points());
  return p;
}

v1::FoundingStatistics ToProto(const FoundingStatistics& f) {
  v1::FoundingStatistics p;
  p.set_enterprises(f.enterprises);
  p.set_required_to_found(f.required_to_found);
  p.set_founded(f.founded);
  p.set_applied(f.applied);
  *p.mutable_founding_rate() = ToProto(f.founding_rate());
  *p.mutable_application_rate() = ToProto(f.application_rate());
  p.set_employees_of_founded(f.employees_of_founded);
  p.set_members_of_founded(f.members_of_founded);
  *p.mutable_membership_rate() = ToProto(f.membership_rate());
  return p;
}

v1::ModelWorker ToProto(const ModelWorker& w) {
  v1::ModelWorker p;
  p.set_id(w.id);
  p.set_person_id(w.person_id);
  p.set_member_id(w.member_id);
  p.set_member_name(w.member_name);
  p.set_organisation_id(w.organisation_id);
  p.set_level(static_cast<v1::ModelWorkerLevel>(w.level));
  p.set_title(w.title);
  p.set_award_year(w.award_year);
  for (HardshipCause c : w.hardship_causes) {
    p.add_hardship_causes(static_cast<v1::HardshipCause>(c));
  }
  p.set_notes(w.notes);
  SetProtoTime(w.create_time, p.mutable_create_time());
  SetProtoTime(w.update_time, p.mutable_update_time());
  p.set_etag(w.etag);
  return p;
}

v1::Activity ToProto(const Activity& a) {
  v1::Activity p;
  p.set_id(a.id);
  p.set_organisation_id(a.organisation_id);
  p.set_name(a.name);
  p.set_kind(static_cast<v1::ActivityKind>(a.kind));
  p.set_start_date(FormatDate(a.start_date));
  p.set_end_date(FormatDate(a.end_date));
  p.set_location(a.location);
  p.set_description(a.description);
  p.set_participant_count(a.participant_count);
  SetProtoTime(a.create_time, p.mutable_create_time());
  return p;
}

v1::Participation ToProto(const Participation& in) {
  v1::Participation p;
  p.set_activity_id(in.activity_id);
  p.set_member_id(in.member_id);
  p.set_member_name(in.member_name);
  p.set_award(in.award);
  p.set_note(in.note);
  return p;
}

v1::Honour ToProto(const Honour& h) {
  v1::Honour p;
  p.set_id(h.id);
  p.set_organisation_id(h.organisation_id);
  p.set_member_id(h.member_id);
  p.set_title(h.title);
  p.set_level(static_cast<v1::HonourLevel>(h.level));
  p.set_awarded_by(h.awarded_by);
  p.set_award_date(FormatDate(h.award_date));
  SetProtoTime(h.create_time, p.mutable_create_time());
  return p;
}

v1::ImportMembersResponse ToProto(const ImportReport& r) {
  v1::ImportMembersResponse p;
  p.set_rows_read(r.rows_read);
  p.set_rows_imported(r.rows_imported);
  p.set_rows_rejected(r.rows_rejected);
  for (const RowError& e : r.errors) {
    auto* out = p.add_errors();
    out->set_row(e.row);
    out->set_field(e.field);
    out->set_description(e.description);
  }
  p.set_errors_truncated(r.errors_truncated);
  p.set_committed(r.committed);
  return p;
}

ImportReport ImportReportFromProto(const v1::ImportMembersResponse& p) {
  ImportReport r;
  r.rows_read = p.rows_read();
  r.rows_imported = p.rows_imported();
  r.rows_rejected = p.rows_rejected();
  for (const auto& e : p.errors())
    r.errors.push_back({e.row(), e.field(), e.description()});
  r.errors_truncated = p.errors_truncated();
  r.committed = p.committed();
  return r;
}

}  // namespace unionhub::membership

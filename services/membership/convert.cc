#include "services/membership/convert.h"

#include "libs/base/clock.h"
#include "services/membership/id_number.h"

namespace unionhub::membership {
namespace {

void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
  int64_t micros = absl::ToUnixMicros(t);
  out->set_seconds(micros / 1000000);
  out->set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
}

}  // namespace

v1::Organisation ToProto(const Organisation& o) {
  v1::Organisation p;
  p.set_id(o.id);
  p.set_parent_id(o.parent_id);
  p.set_name(o.name);
  p.set_type(static_cast<v1::OrganisationType>(o.type));
  p.set_path(o.path);
  p.set_state(static_cast<v1::OrganisationState>(o.state));
  SetTime(o.create_time, p.mutable_create_time());
  SetTime(o.update_time, p.mutable_update_time());
  p.set_etag(o.etag);
  return p;
}

v1::Member ToProto(const Member& m, PersonalData personal_data) {
  v1::Member p;
  p.set_id(m.id);
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
  SetTime(m.create_time, p.mutable_create_time());
  SetTime(m.update_time, p.mutable_update_time());
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
  SetTime(c.record_time, p.mutable_record_time());
  return p;
}

}  // namespace unionhub::membership

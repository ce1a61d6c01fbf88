#include "services/welfare/convert.h"

#include "libs/base/clock.h"
#include "libs/rpc/enums.h"
#include "libs/rpc/proto_time.h"

namespace unionhub::welfare {
namespace {

UNIONHUB_MIRRORS_PROTO_ENUM(HardshipLevel, v1::HardshipLevel, kAccident);
UNIONHUB_MIRRORS_PROTO_ENUM(HardshipCause, v1::HardshipCause, kOther);
UNIONHUB_MIRRORS_PROTO_ENUM(HardshipFileStatus, v1::HardshipFileStatus,
                            kExited);

std::string DateText(const std::optional<absl::CivilDay>& day) {
  return day ? FormatDate(*day) : "";
}

}  // namespace

v1::HardshipFile ToProto(const HardshipFile& f) {
  v1::HardshipFile out;
  out.set_id(f.id);
  out.set_organisation_id(f.organisation_id);
  out.set_person_id(f.person_id);
  out.set_member_id(f.member_id);
  out.set_household_size(f.household_size);
  out.set_monthly_income_per_capita_fen(f.monthly_income_per_capita_fen);
  out.set_level(static_cast<v1::HardshipLevel>(f.level));
  for (HardshipCause c : f.causes)
    out.add_causes(static_cast<v1::HardshipCause>(c));
  out.set_situation(f.situation);
  out.set_status(static_cast<v1::HardshipFileStatus>(f.status));
  out.set_publicity_start_date(DateText(f.publicity_start_date));
  out.set_publicity_end_date(DateText(f.publicity_end_date));
  out.set_approved_date(DateText(f.approved_date));
  out.set_last_check_date(DateText(f.last_check_date));
  out.set_next_check_due_date(DateText(f.next_check_due_date));
  out.set_exit_date(DateText(f.exit_date));
  out.set_exit_reason(f.exit_reason);
  out.set_relapse(f.relapse);
  out.set_previous_file_id(f.previous_file_id);
  out.set_open_objections(f.open_objections);
  *out.mutable_create_time() = rpc::ToProtoTime(f.create_time);
  *out.mutable_update_time() = rpc::ToProtoTime(f.update_time);
  out.set_etag(f.etag);
  return out;
}

v1::HardshipObjection ToProto(const HardshipObjection& o) {
  v1::HardshipObjection out;
  out.set_id(o.id);
  out.set_file_id(o.file_id);
  out.set_filed_date(FormatDate(o.filed_date));
  out.set_content(o.content);
  out.set_answer(o.answer);
  out.set_answered_date(DateText(o.answered_date));
  out.set_upheld(o.upheld);
  *out.mutable_create_time() = rpc::ToProtoTime(o.create_time);
  return out;
}

v1::HardshipFileStep ToProto(const HardshipFileStep& s) {
  v1::HardshipFileStep out;
  out.set_step(s.step);
  out.set_date(FormatDate(s.date));
  out.set_note(s.note);
  out.set_key_id(s.key_id);
  *out.mutable_record_time() = rpc::ToProtoTime(s.record_time);
  return out;
}

}  // namespace unionhub::welfare

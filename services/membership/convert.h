// Domain <-> proto, for the handlers and for event payloads.
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_CONVERT_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_CONVERT_H_

#include "libs/auth/principal.h"
#include "services/membership/domain.h"
#include "unionhub/membership/v1/activities.pb.h"
#include "unionhub/membership/v1/committees.pb.h"
#include "unionhub/membership/v1/enterprises.pb.h"
#include "unionhub/membership/v1/members.pb.h"
#include "unionhub/membership/v1/model_workers.pb.h"
#include "unionhub/membership/v1/organisations.pb.h"

namespace unionhub::membership {

enum class PersonalData { kFull, kMasked, kOmitted };
// What of personal data the caller may see: in full for admins, else masked.
inline PersonalData PersonalDataFor(const auth::Caller& caller) {
  return caller.MaySeePersonalData() ? PersonalData::kFull
                                     : PersonalData::kMasked;
}

v1::Organisation ToProto(const Organisation& o);
v1::Member ToProto(const Member& m, PersonalData personal_data);
v1::MemberStatusChange ToProto(const MemberStatusChange& c);
v1::CommitteeTerm ToProto(const CommitteeTerm& t);
v1::Officer ToProto(const Officer& o);
v1::Enterprise ToProto(const Enterprise& e);
v1::Rate ToProto(const Rate& r);
v1::FoundingStatistics ToProto(const FoundingStatistics& f);
v1::ModelWorker ToProto(const ModelWorker& w);
v1::Activity ToProto(const Activity& a);
v1::Participation ToProto(const Participation& p);
v1::Honour ToProto(const Honour& h);
v1::ImportMembersResponse ToProto(const ImportReport& r);
ImportReport ImportReportFromProto(const v1::ImportMembersResponse& p);

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_CONVERT_H_
